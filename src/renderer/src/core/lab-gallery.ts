import type { FalsePositiveReason } from '../../../shared/evaluation'
import type { LabReport } from '../../../shared/lab'
import type { Box } from '../../../shared/geometry'

export type GalleryKind = 'misses' | 'false-positives'

/** One picture of the gallery: a true box nothing found, or a detection that matched nothing. */
export interface GalleryItem {
  id: string
  kind: GalleryKind
  imageKey: string
  className: string
  /** Oriented image pixels. */
  box: Box
  /** The detection's score (false positives only). */
  confidence: number | null
  reason: FalsePositiveReason | null
}

export const REASON_LABELS: Record<FalsePositiveReason, string> = {
  'rejected-again': 'rejected again',
  duplicate: 'duplicate',
  unmatched: 'unmatched',
}

/** Why a false positive is one, in a sentence for its tooltip. */
export const REASON_DETAILS: Record<FalsePositiveReason, string> = {
  'rejected-again': 'You rejected this suggestion before, and the candidate makes it again.',
  duplicate: 'A second box on an object another box of the candidate already found.',
  unmatched: 'No true box of its class lies under it.',
}

/** A report's misses or false positives, optionally of one class, in the report's order. */
export function galleryItems(
  report: LabReport | null,
  kind: GalleryKind,
  className: string | null = null,
): GalleryItem[] {
  if (!report) return []
  const keep = (name: string) => className === null || name === className
  if (kind === 'misses')
    return report.misses
      .filter((m) => keep(m.className))
      .map((m) => ({
        id: `miss:${m.imageKey}:${m.className}:${m.truthIndex}`,
        kind,
        imageKey: m.imageKey,
        className: m.className,
        box: m.box,
        confidence: null,
        reason: null,
      }))
  return report.falsePositives
    .filter((f) => keep(f.className))
    .map((f) => ({
      id: `fp:${f.imageKey}:${f.detectionIndex}`,
      kind,
      imageKey: f.imageKey,
      className: f.className,
      box: f.box,
      confidence: f.confidence,
      reason: f.reason,
    }))
}

/** How to show part of an image in a small frame with CSS alone: where the image and box go. */
export interface Crop {
  /** Screen pixels per image pixel. */
  scale: number
  /** The whole image, placed and sized in the frame's pixels (the frame clips it). */
  image: { left: number; top: number; width: number; height: number }
  /** The box outline in the frame's pixels. */
  box: { left: number; top: number; width: number; height: number }
}

/**
 * Centres a box in a frame with some of its surroundings (`margin` of its larger side on each
 * side), scaled to fit the frame but never enlarged past `maxScale`, so specks stay recognisable
 * rather than a blur. The frame clips whatever falls outside it.
 */
export function cropFor(
  box: Box,
  image: { width: number; height: number },
  frame: { width: number; height: number },
  margin = 0.5,
  maxScale = 4,
): Crop {
  const pad = margin * Math.max(box.width, box.height)
  const regionWidth = Math.min(box.width + 2 * pad, Math.max(image.width, box.width))
  const regionHeight = Math.min(box.height + 2 * pad, Math.max(image.height, box.height))
  const scale = Math.min(frame.width / regionWidth, frame.height / regionHeight, maxScale)
  const left = frame.width / 2 - (box.x + box.width / 2) * scale
  const top = frame.height / 2 - (box.y + box.height / 2) * scale
  const r = (v: number) => Math.round(v * 100) / 100
  return {
    scale: r(scale),
    image: {
      left: r(left),
      top: r(top),
      width: r(image.width * scale),
      height: r(image.height * scale),
    },
    box: {
      left: r(left + box.x * scale),
      top: r(top + box.y * scale),
      width: r(box.width * scale),
      height: r(box.height * scale),
    },
  }
}
