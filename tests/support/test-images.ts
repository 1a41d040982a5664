import { writeFile } from 'node:fs/promises'
import sharp, { type Sharp } from 'sharp'
import { isNeutralColour, PALETTE, type ColourName } from './emulator/palette'

export type Rgb = readonly [number, number, number]

/** A solid rectangle in displayed (EXIF-oriented) pixels, top-left origin. */
export interface ShapeSpec {
  colour: ColourName
  x: number
  y: number
  width: number
  height: number
}

export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8

export interface ShapesImageSpec {
  /** Displayed size, i.e. after EXIF orientation is applied. */
  width: number
  height: number
  /** Defaults to mid-grey, which matches no palette colour. */
  background?: Rgb
  shapes: ShapeSpec[]
  format?: 'jpeg' | 'png' | 'webp'
  orientation?: ExifOrientation
  /** JPEG/WebP quality, default 90. */
  quality?: number
}

export interface ShapesImage {
  buffer: Buffer
  /** The shapes clipped to the image, in displayed pixels: what a detector should report. */
  trueBoxes: ShapeSpec[]
  /** Displayed size. */
  width: number
  height: number
}

export const MID_GREY: Rgb = [128, 128, 128]

/** Undoes what a decoder does for each EXIF orientation (§6.1): displayed raster -> stored raster. */
function toStored(image: Sharp, orientation: ExifOrientation): Sharp {
  switch (orientation) {
    case 1:
      return image
    case 2:
      return image.flop()
    case 3:
      return image.rotate(180)
    case 4:
      return image.flip()
    case 5:
      return image.rotate(90).flip()
    case 6:
      return image.rotate(270)
    case 7:
      return image.rotate(90).flop()
    case 8:
      return image.rotate(90)
  }
}

function clip(shape: ShapeSpec, width: number, height: number): ShapeSpec | null {
  const x0 = Math.max(0, Math.round(shape.x))
  const y0 = Math.max(0, Math.round(shape.y))
  const x1 = Math.min(width, Math.round(shape.x + shape.width))
  const y1 = Math.min(height, Math.round(shape.y + shape.height))
  if (x1 <= x0 || y1 <= y0) return null
  return { colour: shape.colour, x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/** Draws palette shapes on a neutral background, stored so that applying the EXIF orientation shows them as specified. */
export async function makeShapesImage(spec: ShapesImageSpec): Promise<ShapesImage> {
  const { width, height } = spec
  const background = spec.background ?? MID_GREY
  if (!isNeutralColour(background))
    throw new Error(`background ${background.join(',')} is too close to a palette colour`)
  const displayed = Buffer.alloc(width * height * 3)
  displayed.fill(Buffer.from(background))
  const trueBoxes: ShapeSpec[] = []
  for (const shape of spec.shapes) {
    const box = clip(shape, width, height)
    if (!box) continue
    trueBoxes.push(box)
    const rgb = Buffer.from(PALETTE[box.colour])
    for (let y = box.y; y < box.y + box.height; y++)
      displayed.fill(rgb, (y * width + box.x) * 3, (y * width + box.x + box.width) * 3)
  }
  const orientation = spec.orientation ?? 1
  const raw = { raw: { width, height, channels: 3 as const } }
  const stored = await toStored(sharp(displayed, raw), orientation)
    .raw()
    .toBuffer({ resolveWithObject: true })
  let image = sharp(stored.data, {
    raw: { width: stored.info.width, height: stored.info.height, channels: 3 },
  })
  if (orientation !== 1) image = image.withMetadata({ orientation })
  const quality = spec.quality ?? 90
  const format = spec.format ?? 'jpeg'
  if (format === 'jpeg') image = image.jpeg({ quality })
  else if (format === 'webp') image = image.webp({ quality })
  else image = image.png()
  return { buffer: await image.toBuffer(), trueBoxes, width, height }
}

/** Writes a shapes image to disk and returns what makeShapesImage returns. */
export async function writeShapesImage(path: string, spec: ShapesImageSpec): Promise<ShapesImage> {
  const result = await makeShapesImage(spec)
  await writeFile(path, result.buffer)
  return result
}
