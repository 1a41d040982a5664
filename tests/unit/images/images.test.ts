import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  orientedSize,
  prepareUpload,
  readImageInfo,
  renderDisplayImage,
  uploadScale,
} from '../../../src/main/services/images'
import { AppError } from '../../../src/shared/errors'

let dir: string

/** A 400x200 stored image with a red 100x50 block in its stored top-left corner, tagged orientation 6. */
async function writeRotatedJpeg(path: string): Promise<void> {
  const block = await sharp({
    create: { width: 100, height: 50, channels: 3, background: '#ff0000' },
  })
    .png()
    .toBuffer()
  const buffer = await sharp({
    create: { width: 400, height: 200, channels: 3, background: '#0000ff' },
  })
    .composite([{ input: block, left: 0, top: 0 }])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toBuffer()
  await writeFile(path, buffer)
}

async function pixel(buffer: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(buffer).raw().toBuffer({ resolveWithObject: true })
  const i = (y * info.width + x) * info.channels
  return [data[i] ?? -1, data[i + 1] ?? -1, data[i + 2] ?? -1]
}

const isRed = ([r, g, b]: number[]): boolean => (r ?? 0) > 200 && (g ?? 255) < 60 && (b ?? 255) < 60

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a rejection')
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promptlabel-images-'))
  await writeRotatedJpeg(join(dir, 'rotated.jpg'))
  const png = await sharp({
    create: { width: 300, height: 100, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .png()
    .toBuffer()
  await writeFile(join(dir, 'clear.png'), png)
  const full = await sharp({
    create: { width: 400, height: 300, channels: 3, background: '#00ff00' },
  })
    .jpeg()
    .toBuffer()
  await writeFile(join(dir, 'truncated.jpg'), full.subarray(0, Math.floor(full.length / 2)))
  await writeFile(join(dir, 'empty.jpg'), Buffer.alloc(0))
  await writeFile(join(dir, 'notes.jpg'), 'these are not pixels')
  await writeFile(
    join(dir, 'drawing.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
  )
  await mkdir(join(dir, 'folder.jpg'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('uploadScale', () => {
  it('leaves an image alone when it already fits, or when there is no limit', () => {
    expect(uploadScale(800, 600, 1024)).toEqual({ width: 800, height: 600, scale: 1 })
    expect(uploadScale(8000, 6000, 0)).toEqual({ width: 8000, height: 6000, scale: 1 })
  })

  it('shrinks the long side to maxSide and reports original/uploaded', () => {
    // 4000 / 1000 = 4; 3000 / 4 = 750
    expect(uploadScale(4000, 3000, 1000)).toEqual({ width: 1000, height: 750, scale: 4 })
    expect(uploadScale(3000, 4000, 1000)).toEqual({ width: 750, height: 1000, scale: 4 })
  })

  it('rounds the short side and never lets it reach zero', () => {
    // 7000 / 1280 = 5.46875; 333 / 5.46875 = 60.9 -> 61
    expect(uploadScale(7000, 333, 1280)).toEqual({ width: 1280, height: 61, scale: 5.46875 })
    expect(uploadScale(10000, 1, 100).height).toBe(1)
  })
})

describe('orientedSize', () => {
  it('swaps the sides for EXIF orientations 5 to 8 only', () => {
    for (const o of [1, 2, 3, 4])
      expect(orientedSize(400, 200, o)).toEqual({ width: 400, height: 200 })
    for (const o of [5, 6, 7, 8])
      expect(orientedSize(400, 200, o)).toEqual({ width: 200, height: 400 })
  })
})

describe('readImageInfo', () => {
  it('reports the oriented size of an EXIF-rotated JPEG', async () => {
    expect(await readImageInfo(join(dir, 'rotated.jpg'))).toMatchObject({
      width: 200,
      height: 400,
      format: 'jpeg',
      orientation: 6,
    })
  })

  it('reads a PNG with alpha, orientation 1', async () => {
    expect(await readImageInfo(join(dir, 'clear.png'))).toMatchObject({
      width: 300,
      height: 100,
      format: 'png',
      orientation: 1,
      hasAlpha: true,
    })
  })

  it.each([
    ['missing.jpg', 'file-unreadable', /"missing.jpg" was not found/],
    ['folder.jpg', 'file-unreadable', /"folder.jpg" is not a file/],
    ['empty.jpg', 'image-unsupported', /"empty.jpg" is empty/],
    ['notes.jpg', 'image-unsupported', /"notes.jpg" is not an image/],
    ['drawing.svg', 'image-unsupported', /"drawing.svg" is a SVG file/],
  ])('refuses %s with %s and a plain message', async (name, code, message) => {
    const e = await caught(readImageInfo(join(dir, name)))
    expect(e.code).toBe(code)
    expect(e.message).toMatch(message)
    expect(e.message).not.toContain(dir)
  })
})

describe('prepareUpload', () => {
  it('applies the EXIF orientation once, so the red corner lands top-right', async () => {
    const up = await prepareUpload(join(dir, 'rotated.jpg'), { maxSide: 0 })
    expect(up).toMatchObject({ width: 200, height: 400, scale: 1, mime: 'image/jpeg' })
    expect(up.originalWidth).toBe(200)
    const jpeg = Buffer.from(up.base64, 'base64')
    expect(up.bytes).toBe(jpeg.length)
    const meta = await sharp(jpeg).metadata()
    // no orientation tag left for the server to apply a second time (§6.1), no EXIF at all
    expect(meta.orientation).toBeUndefined()
    expect(meta.exif).toBeUndefined()
    // stored block x 0..99, y 0..49 turns 90° clockwise to x 150..199, y 0..99
    expect(isRed(await pixel(jpeg, 175, 50))).toBe(true)
    expect(isRed(await pixel(jpeg, 25, 50))).toBe(false)
  })

  it('downscales so the long side fits, and reports the factor back to original pixels', async () => {
    const up = await prepareUpload(join(dir, 'rotated.jpg'), { maxSide: 100 })
    // long side 400 -> 100: factor 4; 200 / 4 = 50
    expect(up).toMatchObject({
      width: 50,
      height: 100,
      scale: 4,
      originalWidth: 200,
      originalHeight: 400,
    })
    const jpeg = Buffer.from(up.base64, 'base64')
    expect(isRed(await pixel(jpeg, 44, 12))).toBe(true)
    expect(isRed(await pixel(jpeg, 6, 12))).toBe(false)
  })

  it('never upscales', async () => {
    const up = await prepareUpload(join(dir, 'clear.png'), { maxSide: 5000 })
    expect(up).toMatchObject({ width: 300, height: 100, scale: 1 })
  })

  it('flattens transparency onto white before encoding JPEG', async () => {
    const up = await prepareUpload(join(dir, 'clear.png'), { maxSide: 0 })
    const [r, g, b] = await pixel(Buffer.from(up.base64, 'base64'), 10, 10)
    expect(Math.min(r ?? 0, g ?? 0, b ?? 0)).toBeGreaterThan(245)
  })

  it('rejects a truncated JPEG with a clear message instead of grey pixels', async () => {
    const e = await caught(prepareUpload(join(dir, 'truncated.jpg'), { maxSide: 0 }))
    expect(e.code).toBe('image-unsupported')
    expect(e.message).toBe('"truncated.jpg" seems damaged or incomplete and could not be decoded.')
  })
})

describe('renderDisplayImage', () => {
  it('renders an oriented JPEG without metadata', async () => {
    const out = await renderDisplayImage(join(dir, 'rotated.jpg'), { maxSide: 4096 })
    expect(out).toMatchObject({ mime: 'image/jpeg', width: 200, height: 400 })
    const meta = await sharp(out.buffer).metadata()
    expect(meta.orientation).toBeUndefined()
    expect(meta.exif).toBeUndefined()
    expect(isRed(await pixel(out.buffer, 175, 50))).toBe(true)
  })

  it('keeps PNG sources as PNG, with their transparency', async () => {
    const out = await renderDisplayImage(join(dir, 'clear.png'), { maxSide: 4096 })
    expect(out.mime).toBe('image/png')
    expect((await sharp(out.buffer).metadata()).hasAlpha).toBe(true)
  })

  it('shrinks huge images to the display limit', async () => {
    const out = await renderDisplayImage(join(dir, 'rotated.jpg'), { maxSide: 80 })
    expect([out.width, out.height]).toEqual([40, 80])
  })
})
