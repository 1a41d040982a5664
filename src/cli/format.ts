import type { Detection, DetectionResult } from '../shared/contract'
import type { AppErrorData, ErrorCode } from '../shared/errors'
import { redactUrl } from '../main/services/inference/redact'

/** One detection as printed: oriented image pixels, top-left origin. */
export interface JsonDetection {
  class: string
  confidence: number
  x: number
  y: number
  width: number
  height: number
}

export interface JsonRecord {
  image: string
  width: number
  height: number
  detections: JsonDetection[]
}

/** Pixels to 2 decimals: sub-pixel noise is not information. */
export const roundPixels = (value: number): number => Math.round(value * 100) / 100
/** Confidence to 4 decimals: OWLv2 scores crowd just below 1 (§1.5), so 2 would tie them all. */
export const roundConfidence = (value: number): number => Math.round(value * 10_000) / 10_000

export function toJsonDetection(detection: Detection): JsonDetection {
  const { box } = detection
  return {
    class: detection.className,
    confidence: roundConfidence(detection.confidence),
    x: roundPixels(box.x),
    y: roundPixels(box.y),
    width: roundPixels(box.width),
    height: roundPixels(box.height),
  }
}

export function toJsonRecord(image: string, result: DetectionResult): JsonRecord {
  return {
    image,
    width: result.width,
    height: result.height,
    detections: result.detections.map(toJsonDetection),
  }
}

/** The --json line for one image. */
export function formatJsonLine(image: string, result: DetectionResult): string {
  return `${JSON.stringify(toJsonRecord(image, result))}\n`
}

/** The --json line for an image that failed; the hint comes along when there is one. */
export function formatJsonError(image: string, error: AppErrorData): string {
  const data: { code: string; message: string; hint?: string } = {
    code: error.code,
    message: oneLine(error.message),
  }
  if (error.hint !== undefined) data.hint = oneLine(error.hint)
  return `${JSON.stringify({ image, error: data })}\n`
}

/** The app's key hints point at its Settings screen; on the command line the key comes from elsewhere. */
const CLI_HINTS: Partial<Record<ErrorCode, string>> = {
  'auth-missing': 'Set ROBOFLOW_API_KEY, or use --profile with a profile that has a saved key.',
  'auth-invalid':
    'Check ROBOFLOW_API_KEY (or the key saved with the profile): copy it again from your Roboflow workspace settings.',
}

/** Swaps hints that name app screens for ones that make sense in a terminal. */
export function withCliHint(error: AppErrorData): AppErrorData {
  const hint = CLI_HINTS[error.code]
  return hint === undefined ? error : { ...error, hint }
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim()

/** The stderr line for an image that failed: the message, then what to do about it. */
export function formatErrorLine(image: string, error: AppErrorData): string {
  const hint = error.hint === undefined ? '' : ` Hint: ${oneLine(error.hint)}`
  return `${image}: ${oneLine(error.message)}${hint}\n`
}

const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 'es'}`

/** A readable table for one image: a heading, then one row per box, numbers right-aligned. */
export function formatTable(image: string, result: DetectionResult): string {
  const heading = `${image}  (${result.width}x${result.height} px, ${count(result.detections.length, 'box')})\n`
  if (result.detections.length === 0) return heading
  const header = ['class', 'confidence', 'x', 'y', 'width', 'height']
  const rows = result.detections.map((d) => {
    const j = toJsonDetection(d)
    return [
      j.class,
      j.confidence.toFixed(4),
      ...[j.x, j.y, j.width, j.height].map((n) => n.toFixed(2)),
    ]
  })
  const widths = header.map((title, col) =>
    Math.max(title.length, ...rows.map((row) => (row[col] as string).length)),
  )
  const line = (cells: string[]): string =>
    `  ${cells.map((cell, col) => (col === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[col] as number))).join('  ')}\n`
  return heading + line(header) + rows.map(line).join('')
}

/** The closing stderr line when something failed, or null when every image succeeded. */
export function formatSummary(run: {
  total: number
  failures: AppErrorData[]
  /** Images never sent because the run stopped on a server-wide problem. */
  notSent: number
}): string | null {
  const failed = run.failures.length + run.notSent
  if (failed === 0) return null
  const messages = new Set(run.failures.map((f) => oneLine(f.message)))
  if (failed === run.total && messages.size === 1) {
    const [message] = messages
    return run.total === 1
      ? `The image failed: ${message}\n`
      : `All ${run.total} images failed: ${message}\n`
  }
  return `${failed} of ${run.total} images failed.\n`
}

/** Masks the API key, and any api_key=… in a URL, in text about to be printed. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let safe = text
  for (const secret of secrets) if (secret.length > 0) safe = safe.split(secret).join('***')
  return redactUrl(safe)
}
