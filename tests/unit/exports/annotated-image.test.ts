import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { AnnotationBox } from '../../../src/shared/annotations'
import { renderAnnotatedImage } from '../../../src/main/services/exports/annotated-image'
import { colourForClass, parseHexColour } from '../../../src/main/services/exports/palette'
import { makeShapesImage } from '../../support/test-images'
import { makeBmp } from './sample-project'

const GREY = [128, 128, 128]

function userBox(
  className: string,
  x: number,
  y: number,
  width: number,
  height: number,
): AnnotationBox {
  return {
    id: className + x,
    className,
    box: { x, y, width, height },
    confidence: null,
    source: 'user',
    state: 'accepted',
  }
}

async function writeImage(name: string, buffer: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'promptlabel-annotated-'))
  const path = join(dir, name)
  await writeFile(path, buffer)
  return path
}

async function pixels(buffer: Buffer) {
  const { data, info } = await sharp(buffer)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const at = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3),
  ]
  return { at, info }
}

const near = (actual: number[], expected: number[], tolerance: number) =>
  actual.every((v, i) => Math.abs(v - expected[i]!) <= tolerance)

describe('annotated images', () => {
  it('strokes each box just inside its edges in its class colour and leaves the inside untouched', async () => {
    const source = await makeShapesImage({ width: 200, height: 120, shapes: [], format: 'png' })
    const path = await writeImage('plain.png', source.buffer)
    const out = await renderAnnotatedImage({
      sourcePath: path,
      boxes: [userBox('cat', 40, 30, 100, 60), userBox('dog', 150, 10, 40, 40)],
      classes: ['cat', 'dog'],
      options: { labels: false, states: ['accepted'], lineWidth: 4 },
    })
    expect(out.format).toBe('png')
    const { at, info } = await pixels(out.buffer)
    expect([info.width, info.height]).toEqual([200, 120])
    // A 4 px stroke inside the box covers x 40..43; x 44 is the first pixel inside.
    expect(at(40, 60)).toEqual(parseHexColour(colourForClass(0)))
    expect(at(43, 60)).toEqual(parseHexColour(colourForClass(0)))
    expect(at(44, 60)).toEqual(GREY)
    expect(at(90, 60)).toEqual(GREY)
    expect(at(39, 60)).toEqual(GREY)
    expect(at(139, 60)).toEqual(parseHexColour(colourForClass(0)))
    expect(at(170, 10)).toEqual(parseHexColour(colourForClass(1)))
  })

  it('draws on the EXIF-oriented picture and keeps JPEG as JPEG at full size', async () => {
    // Displayed 160x100 (stored 100x160 with orientation 6); a red square at displayed (20, 20).
    const source = await makeShapesImage({
      width: 160,
      height: 100,
      orientation: 6,
      format: 'jpeg',
      shapes: [{ colour: 'red', x: 20, y: 20, width: 30, height: 30 }],
    })
    const path = await writeImage('turned.jpg', source.buffer)
    const out = await renderAnnotatedImage({
      sourcePath: path,
      boxes: [userBox('cat', 100, 40, 50, 50)],
      classes: ['cat'],
      options: { labels: false, states: ['accepted'], lineWidth: 4 },
    })
    expect(out.format).toBe('jpeg')
    const meta = await sharp(out.buffer).metadata()
    expect([meta.format, meta.width, meta.height, meta.orientation]).toEqual([
      'jpeg',
      160,
      100,
      undefined,
    ])
    const { at } = await pixels(out.buffer)
    expect(near(at(35, 35), [230, 40, 40], 30)).toBe(true)
    expect(near(at(101, 65), parseHexColour(colourForClass(0))!, 40)).toBe(true)
    expect(near(at(125, 65), GREY, 20)).toBe(true)
  })

  it('draws only the review states asked for', async () => {
    const source = await makeShapesImage({ width: 100, height: 100, shapes: [], format: 'png' })
    const path = await writeImage('states.png', source.buffer)
    const rejected: AnnotationBox = {
      ...userBox('cat', 10, 10, 50, 50),
      source: 'model',
      state: 'rejected',
      confidence: 0.4,
    }
    const out = await renderAnnotatedImage({
      sourcePath: path,
      boxes: [rejected],
      classes: ['cat'],
      options: { labels: true, states: ['accepted', 'edited'] },
    })
    const { at } = await pixels(out.buffer)
    expect(at(10, 30)).toEqual(GREY)
  })

  it('renders real glyphs in the label tags: "WWWW" is clearly wider than "iiii" (tofu would not be)', async () => {
    const source = await makeShapesImage({ width: 400, height: 240, shapes: [], format: 'png' })
    const path = await writeImage('glyphs.png', source.buffer)
    const fontSize = 32
    const out = await renderAnnotatedImage({
      sourcePath: path,
      boxes: [userBox('WWWW', 20, 80, 150, 100), userBox('iiii', 220, 80, 150, 100)],
      classes: ['WWWW', 'iiii'],
      options: { labels: true, states: ['accepted'], lineWidth: 2, fontSize },
    })
    const { at } = await pixels(out.buffer)
    // Both tag colours take near-black text; ink = dark pixels in the tag rows above each box.
    const inkWidth = (left: number, right: number) => {
      const columns: number[] = []
      for (let x = left; x < right; x++) {
        for (let y = 80 - fontSize * 1.5; y < 80; y++) {
          if (at(x, Math.round(y)).every((v) => v < 90)) {
            columns.push(x)
            break
          }
        }
      }
      return columns.length === 0 ? 0 : columns[columns.length - 1]! - columns[0]! + 1
    }
    const wide = inkWidth(20, 210)
    const narrow = inkWidth(220, 400)
    // DejaVu Sans: 'W' advances 0.99 em, 'i' 0.28 em, so 4 W ≈ 125 px of ink and 4 i ≈ 30 px at 32 px.
    expect(narrow).toBeGreaterThan(10)
    expect(wide).toBeGreaterThan(narrow * 2.5)
  })

  it('writes a BMP source as PNG, drawn at its own size', async () => {
    // A 3x2 24-bit bottom-up BMP, all mid-grey.
    const file = makeBmp(3, 2)
    const path = await writeImage('scan.bmp', file)
    const out = await renderAnnotatedImage({
      sourcePath: path,
      boxes: [userBox('cat', 0, 0, 1, 1)],
      classes: ['cat'],
      options: { labels: false, states: ['accepted'], lineWidth: 1 },
    })
    expect(out.format).toBe('png')
    const { at, info } = await pixels(out.buffer)
    expect([info.width, info.height]).toEqual([3, 2])
    expect(at(0, 0)).toEqual(parseHexColour(colourForClass(0)))
    expect(at(2, 1)).toEqual(GREY)
  })
})
