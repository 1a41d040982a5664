import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { PALETTE } from '../../support/emulator/palette'
import { makeShapesImage, type ExifOrientation } from '../../support/test-images'

async function decodeOriented(buffer: Buffer) {
  const { data, info } = await sharp(buffer).rotate().raw().toBuffer({ resolveWithObject: true })
  const pixel = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
  ]
  return { width: info.width, height: info.height, pixel }
}

// An asymmetric layout: any wrong flip or rotation moves at least one shape off its spot.
const SHAPES = [
  { colour: 'red' as const, x: 5, y: 8, width: 20, height: 12 },
  { colour: 'blue' as const, x: 50, y: 30, width: 14, height: 22 },
]

describe('makeShapesImage', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8] as ExifOrientation[])(
    'puts shapes at the displayed coordinates once EXIF orientation %i is applied',
    async (orientation) => {
      const { buffer, trueBoxes } = await makeShapesImage({
        width: 80,
        height: 60,
        shapes: SHAPES,
        format: 'png',
        orientation,
      })
      expect((await sharp(buffer).metadata()).orientation ?? 1).toBe(orientation)
      const decoded = await decodeOriented(buffer)
      expect([decoded.width, decoded.height]).toEqual([80, 60])
      for (const box of trueBoxes) {
        const rgb = [...PALETTE[box.colour]]
        // Corners just inside the shape carry its colour; just outside is background grey.
        expect(decoded.pixel(box.x, box.y)).toEqual(rgb)
        expect(decoded.pixel(box.x + box.width - 1, box.y + box.height - 1)).toEqual(rgb)
        expect(decoded.pixel(box.x - 1, box.y)).toEqual([128, 128, 128])
        expect(decoded.pixel(box.x + box.width, box.y + box.height - 1)).toEqual([128, 128, 128])
      }
    },
  )

  it('stores a sideways JPEG for orientation 6 so only EXIF-aware decoders see it upright', async () => {
    const { buffer } = await makeShapesImage({
      width: 80,
      height: 60,
      shapes: SHAPES,
      orientation: 6,
    })
    const meta = await sharp(buffer).metadata()
    expect([meta.format, meta.width, meta.height, meta.orientation]).toEqual(['jpeg', 60, 80, 6])
  })

  it('clips shapes to the image and reports the clipped boxes', async () => {
    const { trueBoxes } = await makeShapesImage({
      width: 40,
      height: 30,
      format: 'webp',
      shapes: [{ colour: 'green', x: 30, y: -5, width: 20, height: 15 }],
    })
    expect(trueBoxes).toEqual([{ colour: 'green', x: 30, y: 0, width: 10, height: 10 }])
  })

  it('refuses a background a detector would mistake for a shape', async () => {
    await expect(
      makeShapesImage({ width: 10, height: 10, shapes: [], background: [235, 45, 45] }),
    ).rejects.toThrow(/too close/)
  })
})
