import { basename } from 'node:path'
import { AppError } from '../../../shared/errors'
import { imageError, openSharp } from './open-image'
import { readImageInfo, type ImageFileInfo } from './image-info'
import {
  base64Length,
  formatMegabytes,
  nextEncodeStep,
  UPLOAD_QUALITIES,
  type EncodeStep,
} from './upload-budget'
import { uploadScale } from './upload-size'

export { uploadScale, type UploadSize } from './upload-size'

export interface PreparedUpload {
  /** Strict base64: no line breaks, no data-URI prefix (§1.5 decodes OWLv2 references strictly). */
  base64: string
  /** Uploaded size, oriented. */
  width: number
  height: number
  /** original / uploaded long side (>= 1). */
  scale: number
  /** JPEG bytes; the base64 text is 4/3 of this. */
  bytes: number
  mime: 'image/jpeg'
  quality: number
  /** Oriented size of the original file. */
  originalWidth: number
  originalHeight: number
  /** Set when quality or size had to drop below the request to stay under `maxBytes`. */
  fittedToBytes: number | null
}

export interface UploadOptions {
  /** Longest side in pixels; 0 sends the full image (never enlarged). */
  maxSide: number
  /** Most base64 bytes the server accepts (hosted: 5 MB v1, 20 MB v2, §3); 0 or absent = no limit. */
  maxBytes?: number
}

/**
 * Encodes the image the server will see: EXIF orientation applied once here (so the server's own
 * auto-orient finds nothing left to do, §6.1), downscaled, alpha flattened on white, JPEG,
 * metadata (GPS, camera) stripped. Over `maxBytes`, quality then size come down until it fits.
 */
export async function prepareUpload(path: string, options: UploadOptions): Promise<PreparedUpload> {
  const info = await readImageInfo(path)
  const maxBytes = options.maxBytes ?? 0
  const original = { width: info.width, height: info.height }
  const target = uploadScale(info.width, info.height, options.maxSide)
  let step: EncodeStep = {
    width: target.width,
    height: target.height,
    quality: UPLOAD_QUALITIES[0],
  }
  for (;;) {
    const data = await encode(path, info, step)
    const sent = base64Length(data.length)
    if (maxBytes <= 0 || sent <= maxBytes) {
      const first = step.quality === UPLOAD_QUALITIES[0] && step.width === target.width
      return {
        base64: data.toString('base64'),
        width: step.width,
        height: step.height,
        scale: Math.max(info.width, info.height) / Math.max(step.width, step.height),
        bytes: data.length,
        mime: 'image/jpeg',
        quality: step.quality,
        originalWidth: info.width,
        originalHeight: info.height,
        fittedToBytes: first ? null : maxBytes,
      }
    }
    const next = nextEncodeStep(step, original, sent, maxBytes)
    if (next === null) throw tooLarge(path, step, sent, maxBytes)
    step = next
  }
}

async function encode(path: string, info: ImageFileInfo, step: EncodeStep): Promise<Buffer> {
  try {
    let pipeline = openSharp(path).rotate()
    if (step.width !== info.width || step.height !== info.height) {
      pipeline = pipeline.resize(step.width, step.height, { fit: 'fill' })
    }
    if (info.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' })
    return await pipeline.jpeg({ quality: step.quality, mozjpeg: false }).toBuffer()
  } catch (err) {
    throw imageError(err, path)
  }
}

function tooLarge(path: string, step: EncodeStep, sent: number, maxBytes: number): AppError {
  return new AppError(
    'image-rejected',
    `"${basename(path)}" is still ${formatMegabytes(sent)} at ${step.width}×${step.height} pixels, over this profile's upload limit of ${formatMegabytes(maxBytes)}.`,
    { hint: 'Raise the upload limit in the profile if the server allows larger requests.' },
  )
}
