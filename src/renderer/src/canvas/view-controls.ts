import { PAN_IDLE, panDown, panMove, panUp, type PanState } from '../core/tools/pan'
import type { Point } from '../core/viewport'

/** A canvas tool's pointer hooks, in CSS pixels relative to the canvas element. */
export interface PointerTool {
  /** A left press: true when the tool takes the gesture, false to let it pan the view. */
  down(at: Point): boolean
  move(at: Point): void
  up(at: Point): void
  cancel(): void
  /** The pointer moved with no button down (null: it left the canvas). */
  hover(at: Point | null): void
}

/** What the canvas element reports, in CSS pixels relative to its top-left corner. */
export interface ViewControlHandlers {
  pan(dx: number, dy: number): void
  zoom(at: Point, deltaY: number): void
  doubleClick(at: Point): void
  /** Space is held: a left drag pans whatever the tool. */
  panHeld(): boolean
  tool: PointerTool
}

/** Pixels per wheel "line" for mice that report lines (Firefox); pages count as a screenful. */
const LINE_PX = 16
const PAGE_PX = 800

/**
 * Wheel zoom at the cursor; the middle button, Space+drag or a drag the tool declines pans; other
 * left drags go to the tool. Attached by hand because the wheel listener must be non-passive.
 */
export function attachViewControls(
  element: HTMLElement,
  handlers: ViewControlHandlers,
): () => void {
  let gesture: 'pan' | 'tool' | null = null
  let pan: PanState = PAN_IDLE
  const local = (event: MouseEvent): Point => {
    const rect = element.getBoundingClientRect()
    return { x: event.clientX - rect.left, y: event.clientY - rect.top }
  }
  const release = (event: PointerEvent): void => {
    gesture = null
    pan = panUp()
    delete element.dataset.panning
    if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId)
  }

  const onWheel = (event: WheelEvent): void => {
    event.preventDefault()
    const unit = event.deltaMode === 1 ? LINE_PX : event.deltaMode === 2 ? PAGE_PX : 1
    handlers.zoom(local(event), event.deltaY * unit)
  }
  const onDown = (event: PointerEvent): void => {
    if ((event.button !== 0 && event.button !== 1) || gesture !== null) return
    const at = local(event)
    element.focus({ preventScroll: true })
    element.setPointerCapture(event.pointerId)
    if (event.button === 0 && !handlers.panHeld() && handlers.tool.down(at)) {
      gesture = 'tool'
      return
    }
    if (event.button === 1) event.preventDefault()
    gesture = 'pan'
    pan = panDown(at)
    element.dataset.panning = 'true'
  }
  const onMove = (event: PointerEvent): void => {
    const at = local(event)
    if (gesture === 'tool') handlers.tool.move(at)
    else if (gesture === 'pan') {
      const step = panMove(pan, at)
      pan = step.state
      if (step.command) handlers.pan(step.command.dx, step.command.dy)
    } else handlers.tool.hover(at)
  }
  const onUp = (event: PointerEvent): void => {
    if (gesture === 'tool') handlers.tool.up(local(event))
    if (gesture !== null) release(event)
  }
  const onCancel = (event: PointerEvent): void => {
    if (gesture === 'tool') handlers.tool.cancel()
    if (gesture !== null) release(event)
  }
  const onLeave = (): void => {
    if (gesture === null) handlers.tool.hover(null)
  }
  const onDoubleClick = (event: MouseEvent): void => handlers.doubleClick(local(event))

  element.addEventListener('wheel', onWheel, { passive: false })
  element.addEventListener('pointerdown', onDown)
  element.addEventListener('pointermove', onMove)
  element.addEventListener('pointerup', onUp)
  element.addEventListener('pointercancel', onCancel)
  element.addEventListener('pointerleave', onLeave)
  element.addEventListener('dblclick', onDoubleClick)
  return () => {
    element.removeEventListener('wheel', onWheel)
    element.removeEventListener('pointerdown', onDown)
    element.removeEventListener('pointermove', onMove)
    element.removeEventListener('pointerup', onUp)
    element.removeEventListener('pointercancel', onCancel)
    element.removeEventListener('pointerleave', onLeave)
    element.removeEventListener('dblclick', onDoubleClick)
  }
}
