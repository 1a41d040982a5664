import type { Box } from '../../../shared/geometry'

/** A width and height, in whatever unit the caller names (screen or image pixels). */
export interface Size {
  width: number
  height: number
}

export interface Point {
  x: number
  y: number
}

/** Stage transform: screen = image * scale + (x, y); screen is CSS pixels relative to the canvas. */
export interface Viewport {
  scale: number
  x: number
  y: number
}

export interface ZoomLimits {
  min: number
  max: number
}

/** Wide enough to inspect single pixels of a small crop and to see a 40k-pixel panorama whole. */
export const DEFAULT_ZOOM_LIMITS: ZoomLimits = { min: 0.01, max: 40 }

export const IDENTITY_VIEWPORT: Viewport = { scale: 1, x: 0, y: 0 }

/** Scales the whole image into the container, centred, leaving `padding` screen pixels around it. */
export function fitViewport(image: Size, container: Size, padding = 16): Viewport {
  if (image.width <= 0 || image.height <= 0 || container.width <= 0 || container.height <= 0) {
    return IDENTITY_VIEWPORT
  }
  const availableWidth = Math.max(1, container.width - 2 * padding)
  const availableHeight = Math.max(1, container.height - 2 * padding)
  const scale = Math.min(availableWidth / image.width, availableHeight / image.height)
  return {
    scale,
    x: (container.width - image.width * scale) / 2,
    y: (container.height - image.height * scale) / 2,
  }
}

export function clampScale(scale: number, limits: ZoomLimits = DEFAULT_ZOOM_LIMITS): number {
  return Math.min(limits.max, Math.max(limits.min, scale))
}

/** Zooms by `factor` while the image point under `screenPoint` stays where it is on screen. */
export function zoomAt(
  view: Viewport,
  screenPoint: Point,
  factor: number,
  limits: ZoomLimits = DEFAULT_ZOOM_LIMITS,
): Viewport {
  const scale = clampScale(view.scale * factor, limits)
  const anchor = screenToImage(view, screenPoint)
  return { scale, x: screenPoint.x - anchor.x * scale, y: screenPoint.y - anchor.y * scale }
}

/** Turns a wheel delta (pixels, positive = away from the user) into a zoom factor. */
export function wheelZoomFactor(deltaY: number, sensitivity = 0.0015): number {
  return Math.exp(-deltaY * sensitivity)
}

export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { scale: view.scale, x: view.x + dx, y: view.y + dy }
}

export function imageToScreen(view: Viewport, point: Point): Point {
  return { x: point.x * view.scale + view.x, y: point.y * view.scale + view.y }
}

export function screenToImage(view: Viewport, point: Point): Point {
  return { x: (point.x - view.x) / view.scale, y: (point.y - view.y) / view.scale }
}

export function boxToScreen(view: Viewport, box: Box): Box {
  const origin = imageToScreen(view, box)
  return {
    x: origin.x,
    y: origin.y,
    width: box.width * view.scale,
    height: box.height * view.scale,
  }
}

/** The part of image space the container shows, for skipping boxes that are off screen. */
export function visibleImageRect(view: Viewport, container: Size): Box {
  const topLeft = screenToImage(view, { x: 0, y: 0 })
  return {
    x: topLeft.x,
    y: topLeft.y,
    width: container.width / view.scale,
    height: container.height / view.scale,
  }
}

/** Whether two boxes overlap or touch; used to cull boxes outside the visible rect. */
export function boxesIntersect(a: Box, b: Box): boolean {
  return (
    a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
  )
}
