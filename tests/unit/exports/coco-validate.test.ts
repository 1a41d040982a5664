import { describe, expect, it } from 'vitest'
import { validateCoco, type CocoRule } from '../../../src/main/services/exports/coco-validate'

type Dataset = {
  info?: unknown
  licenses?: unknown
  images: Record<string, unknown>[]
  annotations: Record<string, unknown>[]
  categories: Record<string, unknown>[]
}

/** A small dataset every consumer loads; each test breaks one thing. */
function valid(): Dataset {
  return {
    info: {},
    licenses: [],
    images: [
      { id: 1, file_name: 'a.jpg', width: 640, height: 480 },
      { id: 2, file_name: 'sub/b.jpg', width: 100, height: 100 },
    ],
    annotations: [
      {
        id: 1,
        image_id: 1,
        category_id: 1,
        bbox: [10, 20, 30, 40],
        area: 1200,
        iscrowd: 0,
        segmentation: [],
      },
      {
        id: 2,
        image_id: 1,
        category_id: 2,
        bbox: [0, 0, 640, 480],
        area: 307200,
        iscrowd: 0,
        segmentation: [],
      },
    ],
    categories: [
      { id: 1, name: 'cat', supercategory: 'cat' },
      { id: 2, name: 'dog', supercategory: 'dog' },
    ],
  }
}

const rules = (json: unknown, options = {}): CocoRule[] =>
  validateCoco(json, options).problems.map((p) => p.rule)

describe('COCO pre-flight check', () => {
  it('accepts a well-formed dataset', () => {
    expect(validateCoco(valid())).toEqual({ ok: true, problems: [], omitted: 0 })
  })

  it('rule 1: refuses annotation id 0 and duplicate annotation ids', () => {
    const zero = valid()
    zero.annotations[0]!.id = 0
    expect(validateCoco(zero).problems).toEqual([
      expect.objectContaining({ rule: 'annotation-id', path: 'annotations[0].id' }),
    ])
    const twice = valid()
    twice.annotations[1]!.id = 1
    expect(rules(twice)).toEqual(['annotation-id'])
  })

  it('rule 2: refuses an annotation without iscrowd or without area', () => {
    const data = valid()
    delete data.annotations[0]!.iscrowd
    delete data.annotations[1]!.area
    expect(validateCoco(data).problems.map((p) => p.path)).toEqual([
      'annotations[0].iscrowd',
      'annotations[1].area',
    ])
    expect(rules(data)).toEqual(['required-fields', 'required-fields'])
  })

  it('rule 3: refuses a file without "info" or "licenses"', () => {
    const data = valid()
    delete data.info
    delete data.licenses
    expect(rules(data)).toEqual(['info-licenses', 'info-licenses'])
  })

  it('rule 4: flags category id 0 for CVAT unless 0-based ids were chosen', () => {
    const data = valid()
    data.categories[0]!.id = 0
    data.annotations[0]!.category_id = 0
    expect(rules(data)).toEqual(['category-id-zero'])
    expect(validateCoco(data, { categoryBase: 0 }).ok).toBe(true)
  })

  it('rule 5: refuses category ids that do not follow the project class list', () => {
    // Alphabetical ids (bird 1, cat 2) instead of the list order [cat, bird].
    const data = valid()
    data.categories = [
      { id: 1, name: 'bird', supercategory: 'bird' },
      { id: 2, name: 'cat', supercategory: 'cat' },
    ]
    expect(rules(data, { classes: ['cat', 'bird'] })).toEqual([
      'category-ids-stable',
      'category-ids-stable',
    ])
    expect(rules(data, { classes: ['bird', 'cat'] })).toEqual([])
  })

  it('rule 6: refuses placeholder categories and parents with no annotations of their own', () => {
    const placeholder = valid()
    placeholder.categories.push({ id: 3, name: '_background_', supercategory: 'none' })
    expect(rules(placeholder)).toEqual(['synthetic-category'])
    const parent = valid()
    // Roboflow's layout: a dataset-named parent that only groups the real classes.
    parent.categories.push({ id: 3, name: 'animals', supercategory: 'none' })
    parent.categories[0]!.supercategory = 'animals'
    expect(rules(parent)).toEqual(['synthetic-category'])
    const unused = valid()
    unused.categories.push({ id: 3, name: 'bird', supercategory: 'bird' })
    expect(rules(unused)).toEqual([])
  })

  it('rule 7: refuses absolute, escaping, Windows-style or duplicate file names', () => {
    for (const name of [
      '/home/ann/a.jpg',
      'C:/photos/a.jpg',
      'file:///a.jpg',
      '../a.jpg',
      'sub\\a.jpg',
      'sub/b.jpg',
    ]) {
      const data = valid()
      data.images[0]!.file_name = name
      expect(rules(data), name).toEqual(['file-name'])
    }
    const data = valid()
    data.images[0]!.file_name = '/home/ann/a.jpg'
    expect(rules(data, { allowAbsolutePaths: true })).toEqual([])
  })

  it('rule 8: accepts images without annotations (valid negatives)', () => {
    const data = valid()
    data.images.push({ id: 3, file_name: 'empty.jpg', width: 10, height: 10 })
    data.annotations = []
    expect(validateCoco(data).ok).toBe(true)
  })

  it('rule 9: refuses ids and sizes that are strings or fractions', () => {
    const data = valid()
    data.images[0]!.id = '1'
    data.images[1]!.width = 100.5
    data.annotations[0]!.category_id = '1'
    data.categories[1]!.id = 2.5
    expect(
      validateCoco(data)
        .problems.filter((p) => p.rule === 'integer-fields')
        .map((p) => p.path),
    ).toEqual(['images[0].id', 'images[1].width', 'categories[1].id', 'annotations[0].category_id'])
  })

  it('rule 10: refuses boxes reaching outside their image, and boxes with negative size', () => {
    const outside = valid()
    outside.annotations[0]!.bbox = [600, 400, 50, 10]
    expect(rules(outside)).toEqual(['box-outside-image'])
    const negative = valid()
    negative.annotations[0]!.bbox = [10, 20, -30, 40]
    expect(rules(negative)).toEqual(['bbox'])
  })

  it('rule 11: refuses a score that is not a number from 0 to 1', () => {
    const data = valid()
    data.annotations[0]!.score = 1.5
    data.annotations[1]!.score = '0.9'
    expect(rules(data)).toEqual(['score', 'score'])
    data.annotations[0]!.score = 0.87
    delete data.annotations[1]!.score
    expect(rules(data)).toEqual([])
  })

  it('refuses annotations pointing at an unknown image or category', () => {
    const data = valid()
    data.annotations[0]!.image_id = 9
    data.annotations[1]!.category_id = 7
    expect(rules(data)).toEqual(['unknown-reference', 'unknown-reference'])
  })

  it('refuses a bbox that is not 4 finite numbers', () => {
    for (const bbox of [[1, 2, 3], [1, 2, 3, null], '1,2,3,4', undefined]) {
      const data = valid()
      data.annotations[0]!.bbox = bbox
      expect(rules(data), JSON.stringify(bbox)).toEqual(['bbox'])
    }
  })

  it('refuses duplicate image ids, category ids and category names', () => {
    const data = valid()
    data.images[1]!.id = 1
    data.categories[1] = { id: 1, name: 'cat', supercategory: 'cat' }
    data.annotations[1]!.category_id = 1
    expect(rules(data)).toEqual(['duplicate', 'duplicate', 'duplicate'])
  })

  it('refuses what is not a COCO object at all', () => {
    expect(rules([])).toEqual(['structure'])
    expect(rules({ info: {}, licenses: [], images: [] })).toEqual(['structure', 'structure'])
  })
})
