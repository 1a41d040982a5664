import type { Context } from 'konva/lib/Context'
import type { Box } from '../../../shared/geometry'
import type { ExemplarItem } from '../core/exemplars'
import { boxesIntersect } from '../core/viewport'
import { BOX_LINE_PX, drawTag, setLabelFont, type DrawFrame } from './draw-boxes'

/** Screen-pixel dash patterns: long dashes for examples, dots for counter-examples. */
const EXAMPLE_DASH_PX = [7, 4]
const COUNTER_DASH_PX = [2, 3]
const HALO = 'rgba(0, 0, 0, 0.5)'

/**
 * Reference boxes, set apart from detections by their dashes: an example is dashed and lightly
 * filled, a counter-example is dotted and struck through corner to corner.
 */
export function drawExemplars(
  ctx: Context,
  items: readonly ExemplarItem[],
  frame: DrawFrame,
): void {
  const shown = items.filter((item) => boxesIntersect(item.box, frame.visible))
  for (const item of shown) {
    outline(ctx, item.box)
    if (!item.negative) {
      ctx.fillStyle = `${item.color}26`
      ctx.fill()
    } else {
      ctx.moveTo(item.box.x, item.box.y)
      ctx.lineTo(item.box.x + item.box.width, item.box.y + item.box.height)
    }
    strokeDashed(ctx, item.color, item.negative ? COUNTER_DASH_PX : EXAMPLE_DASH_PX, frame.scale)
  }
  setLabelFont(ctx, frame.scale)
  for (const item of shown) drawTag(ctx, item, frame.scale, 'below')
}

/** The rubber band while a box is being dragged out, in the look of what it will become. */
export function drawDraft(
  ctx: Context,
  box: Box,
  color: string,
  kind: 'box' | 'example' | 'counter',
  frame: DrawFrame,
): void {
  outline(ctx, box)
  const dash = kind === 'box' ? [] : kind === 'counter' ? COUNTER_DASH_PX : EXAMPLE_DASH_PX
  strokeDashed(ctx, color, dash, frame.scale)
}

function outline(ctx: Context, box: Box): void {
  ctx.beginPath()
  ctx.rect(box.x, box.y, box.width, box.height)
}

/** A solid dark halo under the dashes keeps them readable on light and dark photos. */
function strokeDashed(ctx: Context, color: string, dash: number[], scale: number): void {
  ctx.setLineDash([])
  ctx.strokeStyle = HALO
  ctx.lineWidth = (BOX_LINE_PX + 2) / scale
  ctx.stroke()
  ctx.setLineDash(dash.map((px) => px / scale))
  ctx.strokeStyle = color
  ctx.lineWidth = BOX_LINE_PX / scale
  ctx.stroke()
  ctx.setLineDash([])
}
