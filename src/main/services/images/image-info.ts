import { basename } from 'node:path'
import sharp from 'sharp'
import { AppError } from '../../../shared/errors'
import { checkImageFile, imageError, isBmpPath, openSharp, SUPPORTED_FORMATS } from './open-image'

export interface ImageFileInfo {
  /** Width after EXIF orientation: the space every coordinate in the app lives in. */
  width: number
  height: number
  format: string
  /** EXIF orientation 1..8 (1 when absent). */
  orientation: number
  hasAlpha: boolean
  fileBytes: number
}

/** Size after applying an EXIF orientation: 5..8 turn the image a quarter, swapping the sides (§6.1). */
export function orientedSize(
  width: number,
  height: number,
  orientation: number,
): { width: number; height: number } {
  return orientation >= 5 && orientation <= 8 ? { width: height, height: width } : { width, height }
}

/** Reads an image's header: oriented size, format and orientation, with plain errors for bad files. */
export async function readImageInfo(path: string): Promise<ImageFileInfo> {
  const { size } = await checkImageFile(path)
  let meta
  try {
    meta = await openSharp(path).metadata()
  } catch (err) {
    throw imageError(err, path)
  }
  // Raw pixels come only from our own BMP decoder; the file's format is BMP.
  if (meta.format === 'raw' && isBmpPath(path))
    meta = { ...meta, format: 'bmp' as typeof meta.format }
  if (!SUPPORTED_FORMATS.has(meta.format)) {
    throw new AppError(
      'image-unsupported',
      `"${basename(path)}" is a ${meta.format.toUpperCase()} file, which Promptlabel cannot label.`,
      {
        hint: 'Use JPEG, PNG, WebP, TIFF, GIF, AVIF or HEIF images.',
      },
    )
  }
  if (!(meta.width > 0 && meta.height > 0)) throw imageError(new Error('no size'), path)
  const orientation = meta.orientation ?? 1
  return {
    ...orientedSize(meta.width, meta.height, orientation),
    format: meta.format,
    orientation,
    hasAlpha: meta.hasAlpha,
    fileBytes: size,
  }
}

/** Size of an encoded picture held in memory (e.g. a server rendering); null when it is not one. */
export async function bufferImageSize(
  buffer: Buffer,
): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(buffer).metadata()
    return meta.width > 0 && meta.height > 0 ? { width: meta.width, height: meta.height } : null
  } catch {
    return null
  }
}
