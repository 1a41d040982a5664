import type { Context } from 'konva/lib/Context'
import type { BoxItem } from '../core/box-items'
import { boxesIntersect } from '../core/viewport'
import { BOX_LINE_PX, drawTag, setLabelFont, type DrawFrame } from './draw-boxes'

/** A prompt lab candidate's box, drawn over the project's own boxes to compare them. */
export type LabBoxItem = Pick<BoxItem, 'id' | 'box' | 'color' | 'label'>

/** Screen-pixel dots, unlike the solid kept boxes and the dashed suggestions. */
const LAB_DOTS_PX = [2, 4]
const HALO = 'rgba(0, 0, 0, 0.55)'

/** Dotted outlines over a dark halo, each tagged below ("lab red 0.91") so it reads apart. */
export function drawLabBoxes(ctx: Context, items: readonly LabBoxItem[], frame: DrawFrame): void {
  const shown = items.filter((item) => boxesIntersect(item.box, frame.visible))
  const width = (BOX_LINE_PX + 1) / frame.scale
  for (const { box, color } of shown) {
    ctx.beginPath()
    ctx.rect(box.x, box.y, box.width, box.height)
    ctx.setLineDash([])
    ctx.strokeStyle = HALO
    ctx.lineWidth = width + 2 / frame.scale
    ctx.stroke()
    ctx.setLineDash(LAB_DOTS_PX.map((px) => px / frame.scale))
    ctx.strokeStyle = color
    ctx.lineWidth = width
    ctx.stroke()
  }
  ctx.setLineDash([])
  setLabelFont(ctx, frame.scale)
  for (const item of shown) drawTag(ctx, item, frame.scale, 'below')
}
