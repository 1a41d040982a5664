import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import type { AnnotationBox, ReviewState } from '../../../shared/annotations'
import { AppError } from '../../../shared/errors'
import { clampBox } from '../../../shared/geometry'
import { decodeBmp } from '../images/bmp'
import { orientedSize } from '../images/image-info'
import { imageError, SUPPORTED_FORMATS } from '../images/open-image'
import { buildOverlaySvg, defaultOverlayStyle, labelText, type OverlayBox } from './label-overlay'

export type AnnotatedFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif'

export interface AnnotatedImageOptions {
  lineWidth?: number
  fontSize?: number
  /** Draw the "class 0.87" tags. */
  labels: boolean
  /** Review states to draw, e.g. ['accepted', 'edited']. */
  states: readonly ReviewState[]
  /** 'same' keeps the source's format where it can be written (BMP and GIF become PNG, HEIC JPEG). */
  format?: 'same' | 'jpeg' | 'png'
  /** JPEG/WebP/AVIF quality (default 90, AVIF 60). */
  quality?: number
}

export interface AnnotatedImageInput {
  sourcePath: string
  boxes: readonly AnnotationBox[]
  /** The project's class list: a class's place in it picks its colour. */
  classes: readonly string[]
  options: AnnotatedImageOptions
}

export interface AnnotatedImage {
  buffer: Buffer
  format: AnnotatedFormat
  /** Oriented size: the original resolution. */
  width: number
  height: number
}

/** File extension written for each output format. */
export const ANNOTATED_EXTENSIONS: Record<AnnotatedFormat, string> = {
  jpeg: '.jpg',
  png: '.png',
  webp: '.webp',
  tiff: '.tiff',
  avif: '.avif',
}

/** Opens the oriented image at full size: sharp with EXIF orientation applied, or a decoded BMP. */
async function openOriented(
  path: string,
): Promise<{ image: Sharp; width: number; height: number; format: AnnotatedFormat }> {
  const file = await readFile(path).catch((err: unknown) => {
    throw new AppError('file-unreadable', `"${basename(path)}" could not be read.`, { cause: err })
  })
  if (file.length >= 2 && file.toString('latin1', 0, 2) === 'BM') {
    const bmp = decodeBmp(file)
    const raw = { width: bmp.width, height: bmp.height, channels: bmp.channels }
    return { image: sharp(bmp.data, { raw }), width: bmp.width, height: bmp.height, format: 'png' }
  }
  const meta = await sharp(file).metadata()
  if (!SUPPORTED_FORMATS.has(meta.format))
    throw imageError(new Error('unsupported image format'), path)
  const size = orientedSize(meta.width, meta.height, meta.orientation ?? 1)
  const format: AnnotatedFormat =
    meta.format === 'jpeg' ||
    meta.format === 'png' ||
    meta.format === 'webp' ||
    meta.format === 'tiff'
      ? meta.format
      : meta.format === 'heif' && meta.compression === 'av1'
        ? 'avif'
        : meta.format === 'gif'
          ? 'png'
          : 'jpeg'
  return { image: sharp(file, { failOn: 'error' }).rotate(), ...size, format }
}

/** Encodes in the chosen format; JPEG has no alpha, so transparency is flattened onto white. */
function encode(image: Sharp, format: AnnotatedFormat, quality?: number): Sharp {
  switch (format) {
    case 'jpeg':
      return image.flatten({ background: '#ffffff' }).jpeg({ quality: quality ?? 90 })
    case 'png':
      return image.png()
    case 'webp':
      return image.webp({ quality: quality ?? 90 })
    case 'tiff':
      return image.tiff({ compression: 'lzw' })
    case 'avif':
      return image.avif({ quality: quality ?? 60 })
  }
}

/**
 * The SVG drawn over an image of `size` (oriented pixels): the boxes in the chosen review states,
 * clamped to the image, with their tags laid out; null when there is nothing to draw.
 */
export function buildAnnotatedOverlay(
  input: Omit<AnnotatedImageInput, 'sourcePath'>,
  size: { width: number; height: number },
): string | null {
  const { options } = input
  const style = defaultOverlayStyle(size.width, size.height)
  if (options.lineWidth) style.lineWidth = options.lineWidth
  if (options.fontSize) style.fontSize = options.fontSize
  const classIndex = new Map(input.classes.map((name, i) => [name, i]))
  const states = new Set(options.states)
  const overlay: OverlayBox[] = []
  for (const box of input.boxes) {
    if (!states.has(box.state)) continue
    const clamped = clampBox(box.box, size.width, size.height)
    if (!(clamped.width > 0 && clamped.height > 0)) continue
    if (!classIndex.has(box.className)) classIndex.set(box.className, classIndex.size)
    overlay.push({
      box: clamped,
      classIndex: classIndex.get(box.className)!,
      label: options.labels ? labelText(box.className, box.confidence) : null,
      // A person's boxes (no score) first, then surer model boxes, as on the canvas.
      priority: box.confidence ?? 1,
    })
  }
  return overlay.length > 0 ? buildOverlaySvg(size, overlay, style) : null
}

/**
 * Draws boxes and label tags (like supervision's BoxAnnotator + LabelAnnotator) on the oriented
 * image at its original resolution; metadata is dropped, so no viewer rotates it a second time.
 */
export async function renderAnnotatedImage(input: AnnotatedImageInput): Promise<AnnotatedImage> {
  const { sourcePath, options } = input
  try {
    const source = await openOriented(sourcePath)
    const size = { width: source.width, height: source.height }
    const svg = buildAnnotatedOverlay(input, size)
    const format = !options.format || options.format === 'same' ? source.format : options.format
    let image = source.image
    if (svg !== null) image = image.composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    const buffer = await encode(image, format, options.quality).toBuffer()
    return { buffer, format, ...size }
  } catch (err) {
    throw imageError(err, sourcePath)
  }
}
