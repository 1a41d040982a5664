import type { Point } from '../core/viewport'

/** What the canvas element reports, in CSS pixels relative to its top-left corner. */
export interface ViewControlHandlers {
  pan(dx: number, dy: number): void
  zoom(at: Point, deltaY: number): void
  hover(at: Point | null): void
  fit(): void
}

/** Pixels per wheel "line" for mice that report lines (Firefox); pages count as a screenful. */
const LINE_PX = 16
const PAGE_PX = 800

/**
 * Wheel zoom at the cursor, drag to pan, double-click to fit. Attached by hand rather than in
 * markup because the wheel listener must be non-passive to stop the page from scrolling.
 */
export function attachViewControls(
  element: HTMLElement,
  handlers: ViewControlHandlers,
): () => void {
  let last: Point | null = null
  const local = (event: MouseEvent): Point => {
    const rect = element.getBoundingClientRect()
    return { x: event.clientX - rect.left, y: event.clientY - rect.top }
  }

  const onWheel = (event: WheelEvent): void => {
    event.preventDefault()
    const unit = event.deltaMode === 1 ? LINE_PX : event.deltaMode === 2 ? PAGE_PX : 1
    handlers.zoom(local(event), event.deltaY * unit)
  }
  const onDown = (event: PointerEvent): void => {
    if (event.button !== 0 && event.button !== 1) return
    last = local(event)
    element.setPointerCapture(event.pointerId)
    element.dataset.panning = 'true'
  }
  const onMove = (event: PointerEvent): void => {
    const point = local(event)
    if (last) {
      handlers.pan(point.x - last.x, point.y - last.y)
      last = point
    } else {
      handlers.hover(point)
    }
  }
  const onUp = (event: PointerEvent): void => {
    if (!last) return
    last = null
    delete element.dataset.panning
    if (element.hasPointerCapture(event.pointerId)) element.releasePointerCapture(event.pointerId)
  }
  const onLeave = (): void => {
    if (!last) handlers.hover(null)
  }
  const onDoubleClick = (): void => handlers.fit()

  element.addEventListener('wheel', onWheel, { passive: false })
  element.addEventListener('pointerdown', onDown)
  element.addEventListener('pointermove', onMove)
  element.addEventListener('pointerup', onUp)
  element.addEventListener('pointercancel', onUp)
  element.addEventListener('pointerleave', onLeave)
  element.addEventListener('dblclick', onDoubleClick)
  return () => {
    element.removeEventListener('wheel', onWheel)
    element.removeEventListener('pointerdown', onDown)
    element.removeEventListener('pointermove', onMove)
    element.removeEventListener('pointerup', onUp)
    element.removeEventListener('pointercancel', onUp)
    element.removeEventListener('pointerleave', onLeave)
    element.removeEventListener('dblclick', onDoubleClick)
  }
}
