/**
 * Okabe-Ito colours by class index, shared by the canvas and annotated exports so both look alike;
 * they stay distinct under the common colour-vision deficiencies, and black is swapped for white
 * because boxes sit on photos, where black outlines vanish in shadows.
 */
export const CLASS_PALETTE = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#FFFFFF',
] as const

/** Colour of the class at `index` in the class list; wraps after the last colour. */
export function classColor(index: number): string {
  const size = CLASS_PALETTE.length
  return CLASS_PALETTE[((index % size) + size) % size] ?? CLASS_PALETTE[0]
}

/** Red, green, blue (0..255) of a `#RRGGBB` colour; null for anything else. */
export function parseHexColour(hex: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex)
  if (!match) return null
  return match.slice(1).map((part) => parseInt(part, 16)) as [number, number, number]
}

/** Near-black or white text, whichever contrasts more with a `#RRGGBB` background (WCAG luminance). */
export function textColorOn(background: string): '#111111' | '#FFFFFF' {
  const rgb = parseHexColour(background)
  if (!rgb) return '#111111'
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
  // Contrast against near-black (0.0056) vs white (1.0): pick the larger ratio.
  return (luminance + 0.05) / 0.0556 >= 1.05 / (luminance + 0.05) ? '#111111' : '#FFFFFF'
}
