import { uploadScale } from './upload-size'

/** One way to encode the upload: its pixel size and JPEG quality. */
export interface EncodeStep {
  width: number
  height: number
  quality: number
}

/** Qualities tried, best first, before the picture is made smaller (§6.10: servers resize anyway). */
export const UPLOAD_QUALITIES = [90, 80, 70, 60] as const

/** Below this long side a detector sees too little; the upload is refused instead. */
export const MIN_FIT_SIDE = 256

/** Length of the base64 text for `bytes` bytes: what every route carries in its body (§1.0, §1.3). */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3)
}

/** A byte count the way the hosted docs state their limits: "5 MB", "20 MB", "1.5 MB", "40 KB" (§3). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1_000_000
  if (mb >= 0.1) return `${Number(mb.toFixed(1))} MB`
  if (bytes >= 1000) return `${Math.round(bytes / 1000)} KB`
  return `${bytes} bytes`
}

/**
 * The next, smaller encoding to try when `encodedBytes` (base64) is over `maxBytes`: a lower JPEG
 * quality first, then a smaller side at the lowest quality, shrunk by the square root of the
 * overshoot (bytes grow roughly with pixel count). Null when nothing smaller is worth sending.
 */
export function nextEncodeStep(
  current: EncodeStep,
  original: { width: number; height: number },
  encodedBytes: number,
  maxBytes: number,
): EncodeStep | null {
  const lower = UPLOAD_QUALITIES.find((q) => q < current.quality)
  if (lower !== undefined) return { ...current, quality: lower }
  const long = Math.max(current.width, current.height)
  const factor = Math.min(0.9, Math.sqrt(maxBytes / encodedBytes) * 0.95)
  const side = Math.floor(long * factor)
  if (side < MIN_FIT_SIDE) return null
  const size = uploadScale(original.width, original.height, side)
  return { width: size.width, height: size.height, quality: current.quality }
}
