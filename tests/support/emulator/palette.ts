/** Named colours the emulator's "models" can see; test images draw shapes in exactly these RGBs. */
export const PALETTE = {
  red: [230, 40, 40],
  green: [40, 180, 60],
  blue: [40, 80, 220],
  yellow: [240, 220, 40],
  orange: [245, 140, 30],
  purple: [150, 60, 200],
  cyan: [40, 200, 220],
  magenta: [230, 60, 200],
  white: [255, 255, 255],
  black: [0, 0, 0],
} as const satisfies Record<string, readonly [number, number, number]>

export type ColourName = keyof typeof PALETTE

export const COLOUR_NAMES = Object.keys(PALETTE) as ColourName[]

/** Euclidean RGB distance under which a pixel counts as a palette colour (JPEG artefacts stay inside). */
export const COLOUR_TOLERANCE = 60

/** Marks a pixel that matches no palette colour. */
export const BACKGROUND = 255

const LUT_BITS = 6
const LUT_SHIFT = 8 - LUT_BITS

/** Palette index (or BACKGROUND) per 6-bit-quantised RGB, so classifying a pixel is one lookup. */
export const COLOUR_LUT = buildLut()

function buildLut(): Uint8Array {
  const size = 1 << LUT_BITS
  const lut = new Uint8Array(size * size * size)
  const half = 1 << (LUT_SHIFT - 1)
  const limit = COLOUR_TOLERANCE * COLOUR_TOLERANCE
  for (let r = 0; r < size; r++) {
    for (let g = 0; g < size; g++) {
      for (let b = 0; b < size; b++) {
        const rgb: [number, number, number] = [
          (r << LUT_SHIFT) + half,
          (g << LUT_SHIFT) + half,
          (b << LUT_SHIFT) + half,
        ]
        lut[(r << (2 * LUT_BITS)) | (g << LUT_BITS) | b] = nearestColourIndex(rgb, limit)
      }
    }
  }
  return lut
}

function nearestColourIndex(rgb: [number, number, number], limit: number): number {
  let best = BACKGROUND
  let bestDistance = limit
  COLOUR_NAMES.forEach((name, index) => {
    const [r, g, b] = PALETTE[name]
    const distance = (rgb[0] - r) ** 2 + (rgb[1] - g) ** 2 + (rgb[2] - b) ** 2
    if (distance < bestDistance) {
      best = index
      bestDistance = distance
    }
  })
  return best
}

/** Palette index of an RGB pixel, or BACKGROUND. */
export function classifyPixel(r: number, g: number, b: number): number {
  return COLOUR_LUT[
    ((r >> LUT_SHIFT) << (2 * LUT_BITS)) | ((g >> LUT_SHIFT) << LUT_BITS) | (b >> LUT_SHIFT)
  ] as number
}

/** Whether an RGB colour is far enough from every palette colour to serve as a background. */
export function isNeutralColour(rgb: readonly [number, number, number]): boolean {
  return nearestColourIndex([rgb[0], rgb[1], rgb[2]], (COLOUR_TOLERANCE * 1.5) ** 2) === BACKGROUND
}

/** Palette colours named as words in free text ("Red t-shirt" names red), in palette order. */
export function coloursNamedIn(text: string): ColourName[] {
  const words = new Set(text.toLowerCase().split(/[^a-z]+/))
  return COLOUR_NAMES.filter((name) => words.has(name))
}
