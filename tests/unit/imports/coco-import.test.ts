import { describe, expect, it } from 'vitest'
import { parseCoco } from '../../../src/main/services/imports/coco-import'

let counter = 0
const makeId = () => `id${++counter}`

const dataset = (overrides: Record<string, unknown> = {}) => ({
  info: {},
  licenses: [],
  images: [
    { id: 1, file_name: 'a.jpg', width: 100, height: 80 },
    { id: 2, file_name: '/data/export/sub/b.png', width: 50, height: 50 },
    { id: 3, file_name: 'c.jpg', width: 10, height: 10 },
    { id: 4, file_name: 'missing.jpg', width: 10, height: 10 },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: [10, 20, 30, 40], area: 1200, iscrowd: 0 },
    {
      id: 2,
      image_id: 1,
      category_id: 2,
      bbox: [90, 70, 20, 20],
      area: 400,
      iscrowd: 0,
      score: 0.73,
    },
    { id: 3, image_id: 2, category_id: 1, bbox: [60, 60, 5, 5], area: 25, iscrowd: 0 },
    { id: 4, image_id: 2, category_id: 9, bbox: [1, 1, 5, 5], area: 25, iscrowd: 0 },
    { id: 5, image_id: 3, category_id: 1, bbox: [1, 1, 5, 5], area: 25, iscrowd: 1 },
    { id: 6, image_id: 4, category_id: 1, bbox: [1, 1, 5, 5], area: 25, iscrowd: 0 },
  ],
  categories: [
    { id: 2, name: 'кот', supercategory: 'animals' },
    { id: 1, name: 'dog', supercategory: 'animals' },
    { id: 0, name: 'animals', supercategory: 'none' },
  ],
  ...overrides,
})

const keys = ['a.jpg', 'sub/b.png', 'other/c.jpg']

describe('COCO import', () => {
  it('matches file names by path, by path tail, then by a unique bare name', () => {
    const result = parseCoco(dataset(), { imageKeys: keys, makeId })
    expect(result.images.map((i) => i.key)).toEqual(['a.jpg', 'sub/b.png', 'other/c.jpg'])
    expect(result.skippedImages).toEqual([
      { where: 'missing.jpg', message: 'matches no image in the project folder' },
    ])
  })

  it('does not guess between two images with the same bare name', () => {
    const result = parseCoco(dataset(), { imageKeys: ['x/a.jpg', 'y/a.jpg'], makeId })
    expect(result.images).toEqual([])
  })

  it('turns bboxes into top-left boxes: scored ones become suggestions, others accepted user boxes', () => {
    const [a] = parseCoco(dataset(), { imageKeys: keys, makeId }).images
    expect(a!.boxes).toEqual([
      {
        id: expect.any(String),
        className: 'dog',
        box: { x: 10, y: 20, width: 30, height: 40 },
        confidence: null,
        source: 'user',
        state: 'accepted',
      },
      // 90..110 x 70..90 in a 100x80 image: clamped to 10x10.
      {
        id: expect.any(String),
        className: 'кот',
        box: { x: 90, y: 70, width: 10, height: 10 },
        confidence: 0.73,
        source: 'model',
        state: 'suggested',
      },
    ])
  })

  it('reports clamped boxes and the annotations it left out, with why', () => {
    const result = parseCoco(dataset(), { imageKeys: keys, makeId })
    expect(result.clamped).toEqual([
      { where: 'a.jpg, annotation 2', message: 'reached outside the image; clamped' },
    ])
    expect(result.skippedAnnotations).toEqual([
      { where: 'sub/b.png, annotation 3', message: 'the box lies outside the image' },
      { where: 'sub/b.png, annotation 4', message: 'no category has id 9' },
      { where: 'other/c.jpg, annotation 5', message: 'a crowd region, not one object' },
      { where: 'image 4, annotation 6', message: 'its image is not imported' },
    ])
  })

  it('returns classes in id order without the empty parent category, and says which are new', () => {
    const result = parseCoco(dataset(), { imageKeys: keys, knownClasses: ['dog'], makeId })
    expect(result.classes).toEqual(['dog', 'кот'])
    expect(result.newClasses).toEqual(['кот'])
  })

  it('uses safe relative file names as keys when no image list is given', () => {
    const result = parseCoco(dataset(), { makeId })
    expect(result.images.map((i) => i.key)).toEqual(['a.jpg', 'c.jpg', 'missing.jpg'])
    expect(result.skippedImages.map((s) => s.where)).toEqual(['/data/export/sub/b.png'])
  })

  it('refuses what is not a COCO file', () => {
    expect(() => parseCoco({ images: [] })).toThrow(
      expect.objectContaining({ code: 'invalid-input' }),
    )
  })
})
