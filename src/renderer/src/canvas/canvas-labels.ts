import type { Box } from '../../../shared/geometry'
import {
  defaultLabelRect,
  labelRectAt,
  layoutLabels,
  type LabelLayoutOptions,
  type LaidOutLabel,
  type Rect,
} from '../../../shared/label-layout'
import type { BoxItem } from '../core/box-items'
import type { Size } from '../core/viewport'

/** Label tags keep these screen-pixel sizes at any zoom. */
export const LABEL_FONT_PX = 12
export const LABEL_PAD_PX = 4
export const LABEL_HEIGHT_PX = 18
export const LABEL_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
const LABEL_FONT = `600 ${LABEL_FONT_PX}px ${LABEL_FONT_FAMILY}`

/** Widths are measured once per text: labels repeat ("red 0.87") and re-layouts are frequent. */
const widths = new Map<string, number>()
let measurer: CanvasRenderingContext2D | null = null

/** Screen-pixel width of a label's text in the canvas's label font. */
export function measureLabel(text: string): number {
  let width = widths.get(text)
  if (width === undefined) {
    measurer ??= document.createElement('canvas').getContext('2d')
    if (measurer) measurer.font = LABEL_FONT
    width = measurer ? measurer.measureText(text).width : text.length * LABEL_FONT_PX * 0.6
    if (widths.size >= 20_000) widths.clear()
    widths.set(text, width)
  }
  return width
}

/** A laid-out label, converted back to image pixels for drawing under the stage transform. */
export interface CanvasLabel {
  id: string
  text: string
  full: string
  truncated: boolean
  /** Image pixels. */
  rect: Rect
}

/** Where the labels of one set of boxes go at one zoom. */
export interface LabelPlan {
  scale: number
  byId: ReadonlyMap<string, LaidOutLabel>
}

/**
 * Lays the canvas's labels out in screen pixels (the image scaled by the zoom, origin at the
 * image's top-left), where tags have their constant size: panning never changes the layout, and
 * it is worked out again only when the zoom, the boxes or the selection change.
 */
export class CanvasLabels {
  #items: readonly BoxItem[] = []
  #selected: ReadonlySet<string> = new Set()
  #image: Size = { width: 0, height: 0 }
  #plan: LabelPlan | null = null

  /** `outset`: screen pixels from a box's edge to its outline's outer edge, where tags sit flush. */
  constructor(readonly outset: number) {}

  set(items: readonly BoxItem[], selected: readonly string[], image: Size): void {
    this.#items = items
    this.#selected = new Set(selected)
    this.#image = image
    this.#plan = null
  }

  /** The layout at `scale`, from the cache while nothing it depends on has changed. */
  plan(scale: number): LabelPlan {
    if (this.#plan?.scale === scale) return this.#plan
    const requests = this.#items.map((item) => ({
      id: item.id,
      box: this.#toScreen(item.box, scale),
      text: item.label,
      // Selected boxes first, then a person's boxes (no score), then surer suggestions.
      priority: this.#selected.has(item.id) ? 2 : (item.confidence ?? 1),
    }))
    const laidOut = layoutLabels(requests, this.#options(scale))
    this.#plan = { scale, byId: new Map(laidOut.map((label) => [label.id, label])) }
    return this.#plan
  }

  /** The label of a placed box in image pixels; null when it is hidden. */
  placed(label: LaidOutLabel, scale: number): CanvasLabel | null {
    if (!label.rect) return null
    const { id, text, full, truncated } = label
    return { id, text, full, truncated, rect: toImage(label.rect, scale) }
  }

  /**
   * The un-shortened tag of a hovered or selected box, drawn on top: at the spot the layout chose
   * for it (worked out again for a box being dragged), else above the box.
   */
  fullLabel(item: Pick<BoxItem, 'id' | 'box' | 'label'>, scale: number): CanvasLabel {
    const spot = this.#plan?.scale === scale ? this.#plan.byId.get(item.id)?.spot : null
    const box = this.#toScreen(item.box, scale)
    const options = this.#options(scale)
    const rect =
      (spot && labelRectAt(box, spot, item.label, options)) ??
      defaultLabelRect(box, item.label, options)
    const { id, label } = item
    return { id, text: label, full: label, truncated: false, rect: toImage(rect, scale) }
  }

  #toScreen(box: Box, scale: number): Box {
    const edge = this.outset
    return {
      x: box.x * scale - edge,
      y: box.y * scale - edge,
      width: box.width * scale + 2 * edge,
      height: box.height * scale + 2 * edge,
    }
  }

  #options(scale: number): LabelLayoutOptions {
    return {
      area: { width: this.#image.width * scale, height: this.#image.height * scale },
      measure: measureLabel,
      height: LABEL_HEIGHT_PX,
      padX: LABEL_PAD_PX,
    }
  }
}

function toImage(rect: Rect, scale: number): Rect {
  return {
    x: rect.x / scale,
    y: rect.y / scale,
    width: rect.width / scale,
    height: rect.height / scale,
  }
}
