import { imageError, openSharp } from './open-image'
import { readImageInfo } from './image-info'

export interface UploadSize {
  width: number
  height: number
  /** original / uploaded (>= 1): multiply upload pixels by it to get original pixels. */
  scale: number
}

export interface PreparedUpload {
  base64: string
  /** Uploaded size, oriented. */
  width: number
  height: number
  scale: number
  bytes: number
  mime: 'image/jpeg'
  /** Oriented size of the original file. */
  originalWidth: number
  originalHeight: number
}

/**
 * Upload size for an oriented image: the long side shrinks to maxSide (never enlarged; 0 = no
 * limit), and one scale factor maps both axes back, since the server resizes anyway (§6.10).
 */
export function uploadScale(origW: number, origH: number, maxSide: number): UploadSize {
  const long = Math.max(origW, origH)
  if (maxSide <= 0 || long <= maxSide) return { width: origW, height: origH, scale: 1 }
  const scale = long / maxSide
  return {
    width: Math.max(1, Math.round(origW / scale)),
    height: Math.max(1, Math.round(origH / scale)),
    scale,
  }
}

/**
 * Encodes the image the server will see: EXIF orientation applied once here (so the server's own
 * auto-orient finds nothing left to do, §6.1), downscaled, alpha flattened on white, JPEG q90,
 * metadata (GPS, camera) stripped.
 */
export async function prepareUpload(
  path: string,
  options: { maxSide: number },
): Promise<PreparedUpload> {
  const info = await readImageInfo(path)
  const target = uploadScale(info.width, info.height, options.maxSide)
  try {
    let pipeline = openSharp(path).rotate()
    if (target.scale !== 1) pipeline = pipeline.resize(target.width, target.height, { fit: 'fill' })
    if (info.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' })
    const { data, info: out } = await pipeline
      .jpeg({ quality: 90, mozjpeg: false })
      .toBuffer({ resolveWithObject: true })
    return {
      base64: data.toString('base64'),
      width: out.width,
      height: out.height,
      scale: target.scale,
      bytes: data.length,
      mime: 'image/jpeg',
      originalWidth: info.width,
      originalHeight: info.height,
    }
  } catch (err) {
    throw imageError(err, path)
  }
}
