import type { Detection } from '../../../shared/contract'
import { boxFromCentre, clampBox, type Box } from '../../../shared/geometry'
import type { ServerPrediction } from './response-schema'

/** Factors from one pixel space to another, per axis: an upload resized to exact W×H stretches each axis on its own. */
export interface AxisScale {
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

/** The factors that take `from` pixels to `to` pixels (e.g. uploaded -> original). */
export function axisScale(from: Size, to: Size): AxisScale {
  return { x: to.width / from.width, y: to.height / from.height }
}

export function scaleBoxAxes(box: Box, scale: AxisScale): Box {
  return {
    x: box.x * scale.x,
    y: box.y * scale.y,
    width: box.width * scale.x,
    height: box.height * scale.y,
  }
}

export interface ToDetectionsContext {
  /** Server (uploaded) pixels -> oriented original pixels. */
  scale: AxisScale
  /** Oriented original size, to clip boxes to: servers return integer boxes that overhang (§6.2). */
  imageWidth: number
  imageHeight: number
  /** The class shown for a server class, or null to leave the prediction out. */
  classOf?: (serverClass: string) => string | null
}

/** Server centre-boxes (§2.1) to the app's detections: top-left, original pixels, clipped, by `class` (never class_id). */
export function toDetections(
  predictions: readonly ServerPrediction[],
  ctx: ToDetectionsContext,
): Detection[] {
  const detections: Detection[] = []
  for (const p of predictions) {
    const className = ctx.classOf ? ctx.classOf(p.class) : p.class
    if (className === null) continue
    const uploaded = boxFromCentre(p.x, p.y, p.width, p.height)
    const box = clampBox(scaleBoxAxes(uploaded, ctx.scale), ctx.imageWidth, ctx.imageHeight)
    if (box.width <= 0 || box.height <= 0) continue
    const detection: Detection = {
      id: globalThis.crypto.randomUUID(),
      className,
      confidence: p.confidence,
      box,
    }
    if (className !== p.class) detection.prompt = p.class
    detections.push(detection)
  }
  return detections
}
