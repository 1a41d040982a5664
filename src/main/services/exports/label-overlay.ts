import type { Box } from '../../../shared/geometry'
import { layoutLabels, type LabelRequest } from '../../../shared/label-layout'
import { escapeXml } from './markup'
import { colourForClass, textColourOn } from './palette'
import { measureText } from './text-metrics'

/** One box to draw, in oriented image pixels. */
export interface OverlayBox {
  box: Box
  /** Index in the class list: picks the colour. */
  classIndex: number
  /** Tag text ("cat 0.87"); null draws the box alone. */
  label: string | null
  /** Higher gets the better tag spot when tags compete (the canvas's order: surer boxes first). */
  priority?: number
}

export interface OverlayStyle {
  lineWidth: number
  fontSize: number
}

/** Font for tags: DejaVu Sans ships with fonts-dejavu-core, so librsvg never falls back to tofu. */
export const LABEL_FONT = 'DejaVu Sans'

/** Line and text sizes that read alike on a thumbnail and a 40 MP photo (2 px / 12 px minimum). */
export function defaultOverlayStyle(width: number, height: number): OverlayStyle {
  const long = Math.max(width, height)
  return {
    lineWidth: Math.max(2, Math.round(long / 500)),
    fontSize: Math.max(12, Math.round(long / 60)),
  }
}

/** Tag text like supervision's LabelAnnotator: the class, then the model confidence if any. */
export function labelText(className: string, confidence: number | null): string {
  return confidence === null ? className : `${className} ${confidence.toFixed(2)}`
}

/**
 * An SVG as large as the oriented image with each box stroked just inside its edges (so a box on
 * the image border stays whole) in its class colour, then the filled tags on top of every box,
 * laid out like the canvas's: never over each other, never off the image, shortened with an
 * ellipsis or left out where there is no room.
 */
export function buildOverlaySvg(
  image: { width: number; height: number },
  boxes: readonly OverlayBox[],
  style: OverlayStyle,
): string {
  const lw = style.lineWidth
  const fs = style.fontSize
  const padX = Math.round(fs * 0.35)
  const padY = Math.round(fs * 0.2)
  const tagHeight = Math.ceil(fs * 1.17) + 2 * padY
  const strokes: string[] = []
  const requests: (LabelRequest & { colour: string })[] = []
  for (const [i, { box, classIndex, label, priority }] of boxes.entries()) {
    const colour = colourForClass(classIndex)
    const x1 = Math.round(box.x)
    const y1 = Math.round(box.y)
    const w = Math.max(1, Math.round(box.x + box.width) - x1)
    const h = Math.max(1, Math.round(box.y + box.height) - y1)
    if (w <= 2 * lw || h <= 2 * lw) {
      strokes.push(`<rect x="${x1}" y="${y1}" width="${w}" height="${h}" fill="${colour}"/>`)
    } else {
      const inset = lw / 2
      strokes.push(
        `<rect x="${x1 + inset}" y="${y1 + inset}" width="${w - lw}" height="${h - lw}" fill="none" stroke="${colour}" stroke-width="${lw}"/>`,
      )
    }
    if (label === null) continue
    const at = { x: x1, y: y1, width: w, height: h }
    requests.push({ id: String(i), box: at, text: label, priority: priority ?? 0, colour })
  }
  // Whole pixels throughout (rounded boxes, widths rounded up), so tags meet without overlapping.
  const measure = (text: string) => Math.ceil(measureText(text, fs))
  const layout = layoutLabels(requests, { area: image, measure, height: tagHeight, padX })
  const tags: string[] = []
  for (const [i, { rect, text }] of layout.entries()) {
    if (!rect) continue
    const colour = requests[i]!.colour
    const baseline = rect.y + padY + Math.round(fs * 0.93)
    tags.push(
      `<rect x="${rect.x}" y="${rect.y}" width="${rect.width}" height="${rect.height}" fill="${colour}"/>`,
      `<text x="${rect.x + padX}" y="${baseline}" fill="${textColourOn(colour)}">${escapeXml(text)}</text>`,
    )
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${image.width}" height="${image.height}" viewBox="0 0 ${image.width} ${image.height}">`,
    `<g shape-rendering="crispEdges">${strokes.join('')}</g>`,
    `<g font-family="${LABEL_FONT}" font-size="${fs}" xml:space="preserve">${tags.join('')}</g>`,
    '</svg>',
  ].join('\n')
}
