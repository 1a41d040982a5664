import { describe, expect, it } from 'vitest'
import { buildCocoDataset, formatCocoJson } from '../../../src/main/services/exports/coco'
import { validateCoco } from '../../../src/main/services/exports/coco-validate'
import { parseCoco } from '../../../src/main/services/imports/coco-import'
import { readGolden, SAMPLE_CLASSES, sampleImages } from './sample-project'

const build = (options = {}) =>
  buildCocoDataset({ classes: SAMPLE_CLASSES, images: sampleImages(), options })

describe('COCO export', () => {
  it('matches the hand-checked golden file', async () => {
    const { dataset } = build()
    expect(formatCocoJson(dataset)).toBe(await readGolden('coco-accepted.json.golden'))
  })

  it('reports the boxes it clamped and the one it dropped for having no area left', () => {
    // Clamped: the edited dog over a.jpg's corner, the cat over фото's top-left corner.
    // Dropped: the edited dog at x 150 in a 100 px wide image.
    const result = build()
    expect([result.clamped, result.dropped]).toEqual([2, 1])
  })

  it('passes its own pre-flight check, with and without suggestions, 1- and 0-based', () => {
    for (const include of ['accepted', 'accepted+suggested'] as const) {
      for (const categoryBase of [1, 0] as const) {
        const { dataset } = build({ include, categoryBase })
        const check = validateCoco(dataset, { categoryBase, classes: SAMPLE_CLASSES })
        expect(check.problems).toEqual([])
      }
    }
  })

  it('adds unreviewed suggestions with their score only when asked, and never rejected boxes', () => {
    const accepted = build().dataset.annotations
    const all = build({ include: 'accepted+suggested' }).dataset.annotations
    expect(accepted.some((a) => 'score' in a)).toBe(false)
    expect(all).toHaveLength(accepted.length + 1)
    expect(all.filter((a) => a.score !== undefined)).toEqual([
      expect.objectContaining({ bbox: [300, 300, 40, 40], score: 0.42, category_id: 1 }),
    ])
    // The rejected 10x10 dog at the origin is in neither.
    expect(all.some((a) => a.bbox[2] === 10 && a.bbox[3] === 10)).toBe(false)
  })

  it('takes category ids from the class list, not from the labels in use or their spelling order', () => {
    const { dataset } = build({ categoryBase: 0 })
    expect(dataset.categories.map((c) => [c.id, c.name])).toEqual([
      [0, 'cat'],
      [1, 'dog'],
      [2, 'птица "Q"'],
    ])
    const reordered = buildCocoDataset({ classes: ['dog', 'cat'], images: sampleImages() })
    expect(reordered.dataset.annotations[0]).toMatchObject({ category_id: 2 })
  })

  it('appends classes the list lacks after it and says which', () => {
    const result = buildCocoDataset({ classes: ['dog'], images: sampleImages() })
    expect(result.unlistedClasses).toEqual(['cat'])
    expect(result.dataset.categories.map((c) => c.name)).toEqual(['dog', 'cat'])
  })

  it('writes the file names it is given and the creation date when there is one', () => {
    const { dataset } = build({
      fileNameFor: (key: string) => key.replace('/', '_'),
      dateCreated: '2026-11-02T10:00:00.000Z',
    })
    expect(dataset.images.map((i) => i.file_name)).toEqual(['a.jpg', 'sub_b.png', 'sub_фото 1.jpg'])
    expect(dataset.info).toMatchObject({ date_created: '2026-11-02T10:00:00.000Z' })
  })

  it('rounds corners first, so a sub-pixel box never pokes past the image edge', () => {
    const image = {
      key: 'x.png',
      width: 100,
      height: 100,
      boxes: [
        {
          id: 'e',
          className: 'cat',
          box: { x: 0.005, y: 10.331, width: 99.995, height: 0.002 },
          confidence: null,
          source: 'user' as const,
          state: 'accepted' as const,
        },
      ],
    }
    // Top 10.331 and bottom 10.333 both round to 10.33: dropped, never written as a zero-height box.
    expect(buildCocoDataset({ classes: ['cat'], images: [image] }).dropped).toBe(1)
    image.boxes[0]!.box.height = 20.001
    const [annotation] = buildCocoDataset({ classes: ['cat'], images: [image] }).dataset.annotations
    // x 0.005 -> 0.01 and right edge 100 -> width 99.99; bottom 30.332 -> 30.33, height 20.
    expect(annotation!.bbox).toEqual([0.01, 10.33, 99.99, 20])
    expect(annotation!.bbox[0] + annotation!.bbox[2]).toBeLessThanOrEqual(100)
  })

  it('survives export -> import -> export byte for byte', () => {
    const options = { include: 'accepted+suggested' as const, dateCreated: '2026-11-02' }
    const first = formatCocoJson(build(options).dataset)
    const imported = parseCoco(JSON.parse(first), {
      imageKeys: sampleImages().map((i) => i.key),
    })
    expect(imported.classes).toEqual(SAMPLE_CLASSES)
    const again = buildCocoDataset({ classes: imported.classes, images: imported.images, options })
    expect(formatCocoJson(again.dataset)).toBe(first)
  })
})
