import { readFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import { AppError } from '../../../shared/errors'
import { BmpError, decodeBmp } from './bmp'

/** Raster formats the app labels; vector and document formats are refused. */
export const SUPPORTED_FORMATS = new Set([
  'jpeg',
  'png',
  'webp',
  'tiff',
  'gif',
  'avif',
  'heif',
  'bmp',
])

/**
 * Opens an image with sharp, failing on truncated or corrupt pixel data ('error' also implies
 * 'truncated') rather than silently decoding grey; warnings alone are tolerated.
 */
export function openSharp(path: string): Sharp {
  if (isBmpPath(path)) return openBmp(path)
  return sharp(path, { failOn: 'error', sequentialRead: true })
}

export function isBmpPath(path: string): boolean {
  return extname(path).toLowerCase() === '.bmp'
}

/** libvips has no BMP loader: decode it ourselves and hand sharp the raw pixels. */
function openBmp(path: string): Sharp {
  let decoded
  try {
    decoded = decodeBmp(readFileSync(path))
  } catch (err) {
    if (err instanceof BmpError) {
      throw new AppError(
        'image-unsupported',
        `"${basename(path)}" could not be read as a BMP: ${err.message}.`,
      )
    }
    throw imageError(err, path)
  }
  const { width, height, channels, data } = decoded
  return sharp(data, { raw: { width, height, channels } })
}

/** Checks the file exists, is a readable regular file and is not empty; gathers its size. */
export async function checkImageFile(path: string): Promise<{ size: number }> {
  const name = basename(path)
  let size: number
  try {
    const handle = await open(path, 'r')
    try {
      const stat = await handle.stat()
      if (!stat.isFile()) throw new AppError('file-unreadable', `"${name}" is not a file.`)
      size = stat.size
    } finally {
      await handle.close()
    }
  } catch (err) {
    throw fileError(err, name)
  }
  if (size === 0) throw new AppError('image-unsupported', `"${name}" is empty (0 bytes).`)
  return { size }
}

function fileError(err: unknown, name: string): AppError {
  if (err instanceof AppError) return err
  const code = (err as { code?: unknown } | null)?.code
  if (code === 'ENOENT')
    return new AppError(
      'file-unreadable',
      `"${name}" was not found. It may have been moved or deleted.`,
    )
  if (code === 'EACCES' || code === 'EPERM') {
    return new AppError('file-unreadable', `Promptlabel has no permission to read "${name}".`)
  }
  if (code === 'EISDIR')
    return new AppError('file-unreadable', `"${name}" is a folder, not an image.`)
  return new AppError('file-unreadable', `"${name}" could not be read.`, {
    hint: typeof code === 'string' ? `File system error: ${code}.` : undefined,
  })
}

/** Turns a sharp/libvips failure into a plain AppError naming the file, never the raw vips text. */
export function imageError(err: unknown, path: string): AppError {
  if (err instanceof AppError) return err
  const name = basename(path)
  const text = err instanceof Error ? err.message : String(err)
  if (/file is missing/i.test(text)) return fileError({ code: 'ENOENT' }, name)
  if (/unsupported image format/i.test(text)) {
    return new AppError('image-unsupported', `"${name}" is not an image Promptlabel can open.`, {
      hint: 'Use JPEG, PNG, WebP, TIFF, GIF, AVIF or HEIF images.',
    })
  }
  if (/pixel limit/i.test(text)) {
    return new AppError('image-unsupported', `"${name}" has too many pixels to open safely.`)
  }
  return new AppError(
    'image-unsupported',
    `"${name}" seems damaged or incomplete and could not be decoded.`,
  )
}
