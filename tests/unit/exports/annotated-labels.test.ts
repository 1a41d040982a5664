import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { AnnotationBox } from '../../../src/shared/annotations'
import {
  buildAnnotatedOverlay,
  renderAnnotatedImage,
  type AnnotatedImageInput,
} from '../../../src/main/services/exports/annotated-image'
import { parseHexColour } from '../../../src/main/services/exports/palette'
import { rectsOverlap } from '../../../src/shared/label-grid'
import { makeShapesImage } from '../../support/test-images'

const WIDTH = 400
const HEIGHT = 300
const CLASSES = ['cyan square', 'magenta circle', 'red']

/** 10 x 6 boxes of 34 x 44 px in 40 x 50 cells: every "magenta circle 0.93" tag is wider than three boxes. */
function denseBoxes(): AnnotationBox[] {
  const boxes: AnnotationBox[] = []
  for (let r = 0; r < 6; r++)
    for (let c = 0; c < 10; c++) {
      const i = r * 10 + c
      boxes.push({
        id: `b${i}`,
        className: CLASSES[i % 3]!,
        box: { x: c * 40 + 3, y: r * 50 + 3, width: 34, height: 44 },
        confidence: 0.5 + (i % 50) / 100,
        source: 'model',
        state: 'accepted',
      })
    }
  return boxes
}

interface Tag {
  x: number
  y: number
  width: number
  height: number
  fill: string
  text: string
}

/** The tag rectangles and texts of the overlay's label group, in drawing order. */
function tagsOf(svg: string): Tag[] {
  const group = svg.slice(svg.indexOf('<g font-family'))
  const pattern =
    /<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)" fill="(#[0-9A-Fa-f]{6})"\/><text [^>]*>([^<]*)<\/text>/g
  return [...group.matchAll(pattern)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    width: Number(m[3]),
    height: Number(m[4]),
    fill: m[5]!,
    text: m[6]!,
  }))
}

describe('annotated image labels on a dense scene', () => {
  it('draws tags that never overlap each other or leave the image, as the overlay says', async () => {
    const source = await makeShapesImage({
      width: WIDTH,
      height: HEIGHT,
      shapes: [],
      format: 'png',
    })
    const dir = await mkdtemp(join(tmpdir(), 'promptlabel-labels-'))
    const sourcePath = join(dir, 'dense.png')
    await writeFile(sourcePath, source.buffer)
    const input: AnnotatedImageInput = {
      sourcePath,
      boxes: denseBoxes(),
      classes: CLASSES,
      options: { labels: true, states: ['accepted'], lineWidth: 2, fontSize: 12 },
    }
    const svg = buildAnnotatedOverlay(input, { width: WIDTH, height: HEIGHT })!
    const tags = tagsOf(svg)

    // The tag pattern must match the markup, or the checks below would pass on nothing: the
    // layout's grid test shows most boxes of such a scene keep a tag, so require half of them.
    expect(tags.length).toBeGreaterThanOrEqual(30)
    const overlapping: string[] = []
    for (let i = 0; i < tags.length; i++)
      for (let j = i + 1; j < tags.length; j++)
        if (rectsOverlap(tags[i]!, tags[j]!))
          overlapping.push(`${tags[i]!.text} / ${tags[j]!.text}`)
    expect(overlapping).toEqual([])
    const outside = tags.filter(
      (t) => t.x < 0 || t.y < 0 || t.x + t.width > WIDTH || t.y + t.height > HEIGHT,
    )
    expect(outside).toEqual([])
    // A tag shows its whole text or a prefix of it ending in an ellipsis, never a cut-off middle.
    const full = new Set(input.boxes.map((b) => `${b.className} ${b.confidence!.toFixed(2)}`))
    for (const { text } of tags)
      expect(
        full.has(text) ||
          [...full].some((f) => text.endsWith('…') && f.startsWith(text.slice(0, -1))),
        text,
      ).toBe(true)

    // The rendered image is this overlay: each tag's top-left padding pixel is its own colour,
    // which would not hold if a later tag were drawn over it.
    const out = await renderAnnotatedImage(input)
    const { data, info } = await sharp(out.buffer)
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    for (const tag of tags) {
      const at = ((tag.y + 1) * info.width + tag.x + 1) * 3
      expect([...data.subarray(at, at + 3)], tag.text).toEqual(parseHexColour(tag.fill))
    }
  })

  it('puts the tag of a box at the top edge inside it and keeps one at the right edge whole', () => {
    const box = (id: string, x: number, y: number): AnnotationBox => ({
      id,
      className: 'magenta circle',
      box: { x, y, width: 60, height: 40 },
      confidence: null,
      source: 'user',
      state: 'accepted',
    })
    const svg = buildAnnotatedOverlay(
      {
        boxes: [box('top', 20, 0), box('right', WIDTH - 60, 150)],
        classes: CLASSES,
        options: { labels: true, states: ['accepted'], lineWidth: 2, fontSize: 12 },
      },
      { width: WIDTH, height: HEIGHT },
    )!
    const [top, right] = tagsOf(svg)
    // Above the top box would be off the image: the tag sits inside its top-left corner.
    expect(top).toMatchObject({ x: 20, y: 0, text: 'magenta circle' })
    // The right box starts 60 px from the edge; its tag is wider, so it slides left to end there.
    expect(right!.width).toBeGreaterThan(60)
    expect(right!.x + right!.width).toBe(WIDTH)
    expect(right!.y + right!.height).toBe(150)
  })
})
