import type { Context } from 'konva/lib/Context'
import type { Box } from '../../../shared/geometry'
import type { Rect } from '../../../shared/label-layout'
import { groupByLook, type BoxItem } from '../core/box-items'
import { HANDLES, handlePoint } from '../core/document/box-ops'
import { textColorOn } from '../core/palette'
import { boxesIntersect } from '../core/viewport'
import {
  LABEL_FONT_FAMILY,
  LABEL_FONT_PX,
  LABEL_HEIGHT_PX,
  LABEL_PAD_PX,
  type CanvasLabel,
  type CanvasLabels,
} from './canvas-labels'

/** Screen-pixel sizes; divided by the stage scale so lines and labels keep their size at any zoom. */
export const BOX_LINE_PX = 2
export const HOVER_LINE_PX = 3
const HALO_PX = 1

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

/**
 * Labels of the boxes on screen, where the layout put them (never over each other, never off the
 * image), when there are few enough to stay fast and legible; returns the labels drawn.
 */
export function drawLabels(
  ctx: Context,
  shown: readonly BoxItem[],
  frame: DrawFrame,
  labels: CanvasLabels,
): CanvasLabel[] {
  if (shown.length === 0 || shown.length >= LABEL_LIMIT) return []
  const plan = labels.plan(frame.scale)
  const drawn: CanvasLabel[] = []
  setLabelFont(ctx, frame.scale)
  for (const item of shown) {
    const laidOut = plan.byId.get(item.id)
    const label = laidOut && labels.placed(laidOut, frame.scale)
    if (!label) continue
    fillTag(ctx, label.rect, label.text, item.color, frame.scale)
    drawn.push(label)
  }
  return drawn
}

/** A selected box: emphasised like a hovered one, with its eight resize handles. */
export function drawSelected(
  ctx: Context,
  item: BoxItem,
  frame: DrawFrame,
  label: CanvasLabel,
): void {
  drawHovered(ctx, item, frame, label)
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

/** The hovered box: thicker, lightly filled and always labelled with its whole label, on top. */
export function drawHovered(
  ctx: Context,
  item: BoxItem,
  frame: DrawFrame,
  label: CanvasLabel,
): void {
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
  fillTag(ctx, label.rect, label.text, item.color, frame.scale)
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
  fillTag(ctx, { x, y, width, height }, item.label, item.color, scale)
}

/** A filled tag with its text, in image pixels (the font set by `setLabelFont`). */
function fillTag(ctx: Context, rect: Rect, text: string, color: string, scale: number): void {
  ctx.fillStyle = color
  ctx.fillRect(rect.x, rect.y, rect.width, rect.height)
  ctx.fillStyle = textColorOn(color)
  ctx.fillText(text, rect.x + LABEL_PAD_PX / scale, rect.y + rect.height / 2)
}
