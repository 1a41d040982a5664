import { describe, expect, it } from 'vitest'
import { bertPhrase, detectGroundingDino } from '../../support/emulator/detectors'
import {
  decodeBase64Lenient,
  decodeBase64Strict,
  decodeImageBytes,
} from '../../support/emulator/image-input'
import { findRegions } from '../../support/emulator/regions'
import { makeShapesImage } from '../../support/test-images'

const SHAPES = [
  { colour: 'red' as const, x: 21, y: 33, width: 57, height: 41 },
  { colour: 'yellow' as const, x: 140, y: 90, width: 33, height: 70 },
  { colour: 'black' as const, x: 10, y: 150, width: 25, height: 25 },
  { colour: 'white' as const, x: 90, y: 10, width: 30, height: 19 },
]

describe('region finding', () => {
  it.each([1, 3, 6, 8] as const)(
    'finds every shape of a JPEG with orientation %i within a pixel, in displayed coordinates',
    async (orientation) => {
      const { buffer, trueBoxes } = await makeShapesImage({
        width: 200,
        height: 180,
        shapes: SHAPES,
        orientation,
      })
      const raster = await decodeImageBytes(buffer)
      expect(raster && [raster.width, raster.height]).toEqual([200, 180])
      const regions = findRegions(raster!)
      expect(regions).toHaveLength(trueBoxes.length)
      for (const box of trueBoxes) {
        const region = regions.find((r) => r.colour === box.colour)!
        expect(Math.abs(region.x0 - box.x)).toBeLessThanOrEqual(1)
        expect(Math.abs(region.y0 - box.y)).toBeLessThanOrEqual(1)
        expect(Math.abs(region.x1 - (box.x + box.width))).toBeLessThanOrEqual(1)
        expect(Math.abs(region.y1 - (box.y + box.height))).toBeLessThanOrEqual(1)
      }
    },
  )

  it('sees the stored, unrotated layout when orientation is not applied', async () => {
    const { buffer } = await makeShapesImage({
      width: 200,
      height: 180,
      shapes: SHAPES,
      orientation: 6,
    })
    const raster = await decodeImageBytes(buffer, false)
    expect(raster && [raster.width, raster.height]).toEqual([180, 200])
  })
})

describe('Grounding DINO phrase mapping', () => {
  it('decodes prompts as lower-case BERT tokens with punctuation split off', () => {
    expect(bertPhrase('Red T-Shirt')).toBe('red t - shirt')
    expect(bertPhrase("dog's  bowl")).toBe("dog ' s bowl")
  })

  it('lets an earlier, shorter prompt steal the match of a more specific one', () => {
    const region = { colour: 'red' as const, x0: 0, y0: 0, x1: 50, y1: 50, pixels: 2500 }
    const [detection] = detectGroundingDino([region], ['red', 'red square'], {
      boxThreshold: 0.5,
      textThreshold: 0.5,
    })
    // The phrase is "red square" (the most specific prompt), but "red" is the first substring.
    expect(detection?.className).toBe('red')
    expect(detection?.classId).toBe(0)
  })
})

describe('base64 decoding', () => {
  it('drops characters outside the alphabet like pybase64 without validation', () => {
    expect(decodeBase64Lenient('aGVs\nbG8=')?.toString()).toBe('hello')
    expect(decodeBase64Lenient('data:image/png;base64,aGVsbG8=')?.toString()).toBe('hello')
    expect(decodeBase64Lenient('abc')).toBeNull()
    expect(decodeBase64Lenient('!!!')?.length).toBe(0)
  })

  it('rejects whitespace in strict mode, as OWLv2 reference decoding does', () => {
    expect(decodeBase64Strict('aGVsbG8=')?.toString()).toBe('hello')
    expect(decodeBase64Strict('aGVs\nbG8=')).toBeNull()
  })
})
