import type { Point } from '../core/viewport'

/** A drawing tool's pointer hooks, in CSS pixels relative to the canvas element. */
export interface DrawHandlers {
  /** Whether a left-button drag draws right now instead of panning. */
  active(): boolean
  start(at: Point): void
  move(at: Point): void
  end(at: Point): void
  cancel(): void
}

/** What the canvas element reports, in CSS pixels relative to its top-left corner. */
export interface ViewControlHandlers {
  pan(dx: number, dy: number): void
  zoom(at: Point, deltaY: number): void
  hover(at: Point | null): void
  fit(): void
  draw?: DrawHandlers
}

/** Pixels per wheel "line" for mice that report lines (Firefox); pages count as a screenful. */
const LINE_PX = 16
const PAGE_PX = 800

/**
 * Wheel zoom at the cursor, drag to pan (or to draw while a tool is active; the middle button
 * always pans), double-click to fit. Attached by hand rather than in markup because the wheel
 * listener must be non-passive to stop the page from scrolling.
 */
export function attachViewControls(
  element: HTMLElement,
  handlers: ViewControlHandlers,
): () => void {
  let gesture: 'pan' | 'draw' | null = null
  let last: Point = { x: 0, y: 0 }
  const local = (event: MouseEvent): Point => {
    const rect = element.getBoundingClientRect()
    return { x: event.clientX - rect.left, y: event.clientY - rect.top }
  }
  const release = (event: PointerEvent): void => {
    gesture = null
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
    last = local(event)
    element.setPointerCapture(event.pointerId)
    if (event.button === 0 && handlers.draw?.active()) {
      gesture = 'draw'
      handlers.draw.start(last)
      return
    }
    gesture = 'pan'
    element.dataset.panning = 'true'
  }
  const onMove = (event: PointerEvent): void => {
    const point = local(event)
    if (gesture === 'pan') handlers.pan(point.x - last.x, point.y - last.y)
    else if (gesture === 'draw') handlers.draw?.move(point)
    else handlers.hover(point)
    last = point
  }
  const onUp = (event: PointerEvent): void => {
    if (gesture === 'draw') handlers.draw?.end(local(event))
    if (gesture !== null) release(event)
  }
  const onCancel = (event: PointerEvent): void => {
    if (gesture === 'draw') handlers.draw?.cancel()
    if (gesture !== null) release(event)
  }
  const onLeave = (): void => {
    if (gesture === null) handlers.hover(null)
  }
  const onDoubleClick = (): void => {
    if (!handlers.draw?.active()) handlers.fit()
  }

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
