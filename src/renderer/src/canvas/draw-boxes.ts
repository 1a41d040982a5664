import type { Context } from 'konva/lib/Context'
import type { Box } from '../../../shared/geometry'
import { groupByLook, type BoxItem } from '../core/box-items'
import { HANDLES, handlePoint } from '../core/document/box-ops'
import { textColorOn } from '../core/palette'
import { boxesIntersect } from '../core/viewport'

/** Screen-pixel sizes; divided by the stage scale so lines and labels keep their size at any zoom. */
export const BOX_LINE_PX = 2
export const HOVER_LINE_PX = 3
const HALO_PX = 1
const LABEL_FONT_PX = 12
const LABEL_PAD_PX = 4
const LABEL_HEIGHT_PX = 18
const LABEL_FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"

/** Above this many boxes on screen, labels are drawn only for the hovered box (text is the costliest primitive). */
export const LABEL_LIMIT = 300
/** Suggestions awaiting review are dashed, in screen pixels. */
const PENDING_DASH_PX = [6, 4]
const HANDLE_PX = 8

export interface DrawFrame {
  /** Stage scale: screen pixels per image pixel. */
  scale: number
  /** Image-space rect on screen; boxes outside it are skipped. */
  visible: Box
}

/**
 * Strokes all boxes with one path per colour and dash over one shared dark halo, so outlines stay
 * readable on light and dark photos alike; returns how many were on screen.
 */
export function strokeBoxes(ctx: Context, items: readonly BoxItem[], frame: DrawFrame): BoxItem[] {
  const shown = items.filter((item) => boxesIntersect(item.box, frame.visible))
  if (shown.length === 0) return shown
  ctx.beginPath()
  for (const { box } of shown) ctx.rect(box.x, box.y, box.width, box.height)
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.45)'
  ctx.lineWidth = (BOX_LINE_PX + 2 * HALO_PX) / frame.scale
  ctx.stroke()
  ctx.lineWidth = BOX_LINE_PX / frame.scale
  for (const group of groupByLook(shown).values()) {
    const first = group[0]
    if (!first) continue
    ctx.beginPath()
    for (const { box } of group) ctx.rect(box.x, box.y, box.width, box.height)
    ctx.setLineDash(first.pending ? PENDING_DASH_PX.map((px) => px / frame.scale) : [])
    ctx.strokeStyle = first.color
    ctx.stroke()
  }
  ctx.setLineDash([])
  return shown
}

/** Labels for the boxes on screen, when there are few enough to stay fast and legible. */
export function drawLabels(ctx: Context, shown: readonly BoxItem[], frame: DrawFrame): void {
  if (shown.length >= LABEL_LIMIT) return
  setLabelFont(ctx, frame.scale)
  for (const item of shown) drawTag(ctx, item, frame.scale)
}

/** A selected box: emphasised like a hovered one, with its eight resize handles. */
export function drawSelected(ctx: Context, item: BoxItem, frame: DrawFrame): void {
  drawHovered(ctx, item, frame)
  const size = HANDLE_PX / frame.scale
  ctx.lineWidth = 1 / frame.scale
  for (const handle of HANDLES) {
    const at = handlePoint(item.box, handle)
    ctx.beginPath()
    ctx.rect(at.x - size / 2, at.y - size / 2, size, size)
    ctx.fillStyle = '#ffffff'
    ctx.fill()
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.75)'
    ctx.stroke()
  }
}

/** The hovered box: thicker, lightly filled and always labelled. */
export function drawHovered(ctx: Context, item: BoxItem, frame: DrawFrame): void {
  const { box } = item
  ctx.beginPath()
  ctx.rect(box.x, box.y, box.width, box.height)
  ctx.fillStyle = `${item.color}33`
  ctx.fill()
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.6)'
  ctx.lineWidth = (HOVER_LINE_PX + 2 * HALO_PX) / frame.scale
  ctx.stroke()
  ctx.strokeStyle = item.color
  ctx.lineWidth = HOVER_LINE_PX / frame.scale
  ctx.setLineDash(item.pending ? PENDING_DASH_PX.map((px) => px / frame.scale) : [])
  ctx.stroke()
  ctx.setLineDash([])
  setLabelFont(ctx, frame.scale)
  drawTag(ctx, item, frame.scale)
}

export function setLabelFont(ctx: Context, scale: number): void {
  ctx.font = `600 ${LABEL_FONT_PX / scale}px ${LABEL_FONT_FAMILY}`
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
}

/**
 * A filled tag flush with the outline's outer top-left corner, or just inside the box when the box
 * touches the top of the image; `below` puts it under the bottom-left corner instead, so example
 * tags and detection tags on the same box do not cover each other.
 */
export function drawTag(
  ctx: Context,
  item: Pick<BoxItem, 'box' | 'color' | 'label'>,
  scale: number,
  placement: 'above' | 'below' = 'above',
): void {
  const pad = LABEL_PAD_PX / scale
  const height = LABEL_HEIGHT_PX / scale
  const edge = BOX_LINE_PX / 2 / scale
  const width = ctx.measureText(item.label).width + 2 * pad
  const x = item.box.x - edge
  const above = item.box.y - edge - height
  const y =
    placement === 'below'
      ? item.box.y + item.box.height + edge
      : above >= 0
        ? above
        : item.box.y + edge
  ctx.fillStyle = item.color
  ctx.fillRect(x, y, width, height)
  ctx.fillStyle = textColorOn(item.color)
  ctx.fillText(item.label, x + pad, y + height / 2)
}
