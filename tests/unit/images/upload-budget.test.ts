import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  base64Length,
  formatMegabytes,
  MIN_FIT_SIDE,
  nextEncodeStep,
  prepareUpload,
} from '../../../src/main/services/images'
import { AppError } from '../../../src/shared/errors'

let dir: string
let noise: string
/** Base64 length of the noise image at full size and quality 90. */
let fullSize: number

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promptlabel-budget-'))
  noise = join(dir, 'noise.png')
  // random pixels defeat JPEG, so the byte limit really bites; stored sideways to keep EXIF in play
  const raw = randomBytes(1000 * 600 * 3)
  await writeFile(
    noise,
    await sharp(raw, { raw: { width: 1000, height: 600, channels: 3 } })
      .withMetadata({ orientation: 6 })
      .png()
      .toBuffer(),
  )
  fullSize = (await prepareUpload(noise, { maxSide: 0 })).base64.length
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('upload byte budget (pure)', () => {
  it('measures what travels: base64 is 4 characters per 3 bytes, padded', () => {
    expect([0, 1, 2, 3, 4, 3000].map(base64Length)).toEqual([0, 4, 4, 4, 8, 4000])
  })

  it('states limits the way the hosted docs do', () => {
    expect(formatMegabytes(5_000_000)).toBe('5 MB')
    expect(formatMegabytes(20_000_000)).toBe('20 MB')
    expect(formatMegabytes(1_500_000)).toBe('1.5 MB')
    expect(formatMegabytes(50_000)).toBe('50 KB')
    expect(formatMegabytes(2_000)).toBe('2 KB')
    expect(formatMegabytes(500)).toBe('500 bytes')
  })

  it('lowers the quality first, then the size at the lowest quality', () => {
    const original = { width: 4000, height: 2000 }
    let step = { width: 1000, height: 500, quality: 90 }
    const qualities = []
    for (let i = 0; i < 3; i++) {
      step = nextEncodeStep(step, original, 2_000_000, 1_000_000) ?? step
      qualities.push(step.quality)
    }
    expect(qualities).toEqual([80, 70, 60])
    expect(step).toEqual({ width: 1000, height: 500, quality: 60 })
    // 4x over: sqrt(1/4) * 0.95 = 0.475 of the long side -> 475; 2000 / (4000 / 475) = 237.5 -> 238
    expect(nextEncodeStep(step, original, 4_000_000, 1_000_000)).toEqual({
      width: 475,
      height: 238,
      quality: 60,
    })
    // barely over still shrinks by at least 10%
    expect(nextEncodeStep(step, original, 1_000_001, 1_000_000)?.width).toBe(900)
  })

  it('gives up below the smallest useful side', () => {
    const small = { width: MIN_FIT_SIDE + 10, height: 100, quality: 60 }
    expect(nextEncodeStep(small, small, 10_000_000, 1_000)).toBeNull()
  })
})

describe('prepareUpload with a byte limit', () => {
  it('leaves an upload alone when it fits', async () => {
    const up = await prepareUpload(noise, { maxSide: 0, maxBytes: fullSize })
    expect(up).toMatchObject({ width: 600, height: 1000, quality: 90, fittedToBytes: null })
  })

  it('re-encodes at a lower quality before making the picture smaller', async () => {
    const limit = Math.floor(fullSize * 0.85)
    const up = await prepareUpload(noise, { maxSide: 0, maxBytes: limit })
    expect(up.base64.length).toBeLessThanOrEqual(limit)
    expect(up.quality).toBeLessThan(90)
    expect([up.width, up.height]).toEqual([600, 1000])
    expect(up.fittedToBytes).toBe(limit)
  })

  it('shrinks the picture when quality alone is not enough, keeping the factor back to original pixels', async () => {
    const limit = Math.floor(fullSize * 0.15)
    const up = await prepareUpload(noise, { maxSide: 0, maxBytes: limit })
    expect(up.base64.length).toBeLessThanOrEqual(limit)
    expect(up.quality).toBe(60)
    expect(up.height).toBeLessThan(1000)
    expect(up.scale).toBeCloseTo(1000 / up.height, 10)
    expect([up.originalWidth, up.originalHeight]).toEqual([600, 1000])
    const meta = await sharp(Buffer.from(up.base64, 'base64')).metadata()
    expect([meta.width, meta.height]).toEqual([up.width, up.height])
  })

  it('refuses with the limit named when even the smallest useful picture is too large', async () => {
    let error: unknown
    try {
      await prepareUpload(noise, { maxSide: 0, maxBytes: 2_000 })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('image-rejected')
    expect((error as AppError).message).toMatch(
      /^"noise.png" is still .+ at \d+×\d+ pixels, over this profile's upload limit of 2 KB\.$/,
    )
  })
})
