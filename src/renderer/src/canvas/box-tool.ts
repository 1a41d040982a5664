import type { Box } from '../../../shared/geometry'
import { hitTest, type SpatialGrid } from '../core/hit-test'
import {
  cancelDrag,
  IDLE,
  MIN_BOX_PX,
  pointerDown,
  pointerMove,
  pointerUp,
  type DrawBoxState,
} from '../core/tools/draw-box'
import {
  SELECT_IDLE,
  selectCancel,
  selectDown,
  selectMove,
  selectUp,
  type Grab,
  type SelectCommand,
  type SelectState,
} from '../core/tools/select-box'
import type { Point, Size } from '../core/viewport'
import type { PointerTool } from './view-controls'

/** The boxes a canvas edits (annotations on the main canvas, examples in the exemplar builder). */
export interface BoxToolDeps {
  mode(): 'select' | 'draw' | 'off'
  image(): Size | null
  /** Canvas CSS pixels to image pixels (the stage transform, inverted). */
  toImage(at: Point): Point
  scale(): number
  grid(): SpatialGrid
  boxOf(id: string): Box | undefined
  selected(): readonly string[]
  select(ids: string[]): void
  /** A finished move or resize: one undo step. */
  change(id: string, box: Box, grab: Grab): void
  /** A finished rubber band in draw mode. */
  draw(box: Box): void
  /** The dragged box's live position, or null when the gesture is over. */
  preview(drag: { id: string; box: Box } | null): void
  rubberBand(box: Box | null): void
  hover(id: string | null, cursor: string): void
}

const HANDLE_CURSORS: Record<string, string> = {
  nw: 'nwse-resize',
  se: 'nwse-resize',
  ne: 'nesw-resize',
  sw: 'nesw-resize',
  n: 'ns-resize',
  s: 'ns-resize',
  e: 'ew-resize',
  w: 'ew-resize',
}

/**
 * Feeds the pure select and draw machines with pointer positions in image pixels and carries out
 * what they return; Konva never sees the pointer.
 */
export function createBoxTool(deps: BoxToolDeps): PointerTool {
  let select: SelectState = SELECT_IDLE
  let draw: DrawBoxState = IDLE
  const context = () => ({
    grid: deps.grid(),
    boxOf: deps.boxOf,
    selected: deps.selected(),
    scale: deps.scale(),
    image: deps.image() ?? { width: 0, height: 0 },
  })
  const drawOptions = () => ({
    bounds: deps.image() ?? { width: 0, height: 0 },
    minSize: MIN_BOX_PX / Math.max(deps.scale(), Number.EPSILON),
  })
  const carry = (command: SelectCommand | null): void => {
    if (command === null) return
    if (command.type === 'select') deps.select(command.ids)
    else if (command.type === 'miss') deps.select([])
    else if (command.type === 'preview') deps.preview({ id: command.id, box: command.box })
    else {
      deps.preview(null)
      if (command.type === 'commit') deps.change(command.id, command.box, command.grab)
    }
  }

  return {
    down(at) {
      const mode = deps.mode()
      if (mode === 'off' || !deps.image()) return false
      const point = deps.toImage(at)
      if (mode === 'draw') {
        draw = pointerDown(draw, point, drawOptions()).state
        return true
      }
      const step = selectDown(select, point, context())
      select = step.state
      carry(step.command)
      return select.phase !== 'idle'
    },
    move(at) {
      const point = deps.toImage(at)
      if (draw.phase === 'dragging') {
        const step = pointerMove(draw, point, drawOptions())
        draw = step.state
        if (step.command?.type === 'preview') deps.rubberBand(step.command.box)
        return
      }
      const step = selectMove(select, point, context())
      select = step.state
      carry(step.command)
    },
    up(at) {
      const point = deps.toImage(at)
      if (draw.phase === 'dragging') {
        const step = pointerUp(draw, point, drawOptions())
        draw = step.state
        deps.rubberBand(null)
        if (step.command?.type === 'commit') deps.draw(step.command.box)
        return
      }
      const step = selectUp(select, point, context())
      select = step.state
      carry(step.command)
    },
    cancel() {
      draw = cancelDrag(draw).state
      deps.rubberBand(null)
      const step = selectCancel(select)
      select = step.state
      carry(step.command)
    },
    hover(at) {
      const mode = deps.mode()
      if (at === null || mode === 'off' || !deps.image()) return deps.hover(null, '')
      if (mode === 'draw') return deps.hover(null, 'crosshair')
      const ctx = context()
      const selected = ctx.selected.flatMap((id) => {
        const box = deps.boxOf(id)
        return box ? [{ id, box }] : []
      })
      const hit = hitTest(deps.toImage(at), ctx.grid, selected, ctx.scale)
      if (!hit) return deps.hover(null, '')
      deps.hover(hit.id, hit.kind === 'handle' ? (HANDLE_CURSORS[hit.handle] ?? 'move') : 'move')
    },
  }
}
