import { imageError, openSharp } from './open-image'
import { readImageInfo } from './image-info'

export interface DisplayImage {
  buffer: Buffer
  mime: 'image/jpeg' | 'image/png'
  width: number
  height: number
}

/** Default longest side for the window rendition: keeps 40 MP photos fluid on screen. */
export const DISPLAY_MAX_SIDE = 4096

/**
 * Renders the oriented image to show in the window, metadata stripped. PNG stays PNG (or any image
 * with alpha, to keep transparency); everything else becomes JPEG. Coordinates stay in full-size pixels.
 */
export async function renderDisplayImage(
  path: string,
  options: { maxSide: number } = { maxSide: DISPLAY_MAX_SIDE },
): Promise<DisplayImage> {
  const info = await readImageInfo(path)
  const asPng = info.format === 'png' || info.hasAlpha
  try {
    let pipeline = openSharp(path).rotate()
    if (options.maxSide > 0) {
      pipeline = pipeline.resize(options.maxSide, options.maxSide, {
        fit: 'inside',
        withoutEnlargement: true,
      })
    }
    pipeline = asPng ? pipeline.png() : pipeline.jpeg({ quality: 90, mozjpeg: false })
    const { data, info: out } = await pipeline.toBuffer({ resolveWithObject: true })
    return {
      buffer: data,
      mime: asPng ? 'image/png' : 'image/jpeg',
      width: out.width,
      height: out.height,
    }
  } catch (err) {
    throw imageError(err, path)
  }
}
