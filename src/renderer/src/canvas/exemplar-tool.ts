import type { ImageInfo } from '../../../shared/contract'
import type { Box } from '../../../shared/geometry'
import {
  cancelDrag,
  IDLE,
  MIN_BOX_PX,
  pointerDown,
  pointerMove,
  pointerUp,
  type DrawBoxState,
  type DrawBoxStep,
} from '../core/tools/draw-box'
import type { Point } from '../core/viewport'
import type { DraftBox } from './scene'
import type { DrawHandlers } from './view-controls'

export interface ExemplarToolDeps {
  active(): boolean
  /** Canvas CSS pixels to oriented image pixels (the stage transform, inverted). */
  toImage(at: Point): Point
  /** Screen pixels per image pixel, so a slip of 3 screen pixels is ignored at any zoom. */
  scale(): number
  image(): ImageInfo | null
  draftLook(): Omit<DraftBox, 'box'>
  preview(draft: DraftBox | null): void
  commit(image: ImageInfo, box: Box): void
}

/**
 * Feeds the pure draw-box machine with pointer positions already in image pixels and carries out
 * its commands; the image is fixed at pointer-down so a box never lands on another image.
 */
export function createExemplarTool(deps: ExemplarToolDeps): DrawHandlers {
  let state: DrawBoxState = IDLE
  let target: ImageInfo | null = null

  const options = () => ({
    bounds: { width: target?.width ?? 0, height: target?.height ?? 0 },
    minSize: MIN_BOX_PX / Math.max(deps.scale(), Number.EPSILON),
  })
  const apply = (step: DrawBoxStep): void => {
    state = step.state
    const command = step.command
    if (command === null) return
    if (command.type === 'preview') deps.preview({ box: command.box, ...deps.draftLook() })
    else deps.preview(null)
    if (command.type === 'commit' && target) deps.commit(target, command.box)
    if (state.phase === 'idle') target = null
  }

  return {
    active: () => deps.active(),
    start(at) {
      target = deps.image()
      if (target) apply(pointerDown(state, deps.toImage(at), options()))
    },
    move(at) {
      apply(pointerMove(state, deps.toImage(at), options()))
    },
    end(at) {
      apply(pointerUp(state, deps.toImage(at), options()))
    },
    cancel() {
      apply(cancelDrag(state))
    },
  }
}
