import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCocoExamples, type ExampleImage } from '../../../src/cli/coco-examples'
import { fitExamplesToImage } from '../../../src/cli/example-bounds'

const base = resolve('/data/refs')
const absolute = resolve('/elsewhere/ref-2.png')

/** A small valid COCO file; tests override parts of it. */
function coco(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    info: {},
    images: [
      { id: 1, file_name: 'ref-1.jpg', width: 640, height: 480 },
      { id: 2, file_name: absolute },
      { id: 3, file_name: 'unused.jpg', width: 10, height: 10 },
    ],
    categories: [
      { id: 1, name: 'red square' },
      { id: 2, name: 'blue' },
    ],
    annotations: [
      { id: 10, image_id: 1, category_id: 1, bbox: [100, 50, 40, 30], area: 1200, iscrowd: 0 },
      { id: 11, image_id: 1, category_id: 2, bbox: [0, 0, 640, 480], negative: true },
      { id: 12, image_id: 2, category_id: 2, bbox: [5.5, 6, 7, 8] },
    ],
    ...overrides,
  })
}

const errorsOf = (text: string): string[] => {
  const parsed = parseCocoExamples(text, base)
  if (parsed.ok) throw new Error('expected errors')
  return parsed.errors
}

describe('COCO examples for OwlV2', () => {
  it('reads boxes per image, resolving file_name against the COCO file folder', () => {
    const parsed = parseCocoExamples(coco(), base)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    // Image 3 has no annotations, so it is not a reference.
    expect(parsed.images.map((image) => image.path)).toEqual([resolve(base, 'ref-1.jpg'), absolute])
    const [first, second] = parsed.images as [ExampleImage, ExampleImage]
    expect(first).toMatchObject({ fileName: 'ref-1.jpg', width: 640, height: 480 })
    expect(first.boxes).toEqual([
      {
        label: 'Annotation 10',
        box: { x: 100, y: 50, width: 40, height: 30 },
        className: 'red square',
        negative: false,
      },
      {
        label: 'Annotation 11',
        box: { x: 0, y: 0, width: 640, height: 480 },
        className: 'blue',
        negative: true,
      },
    ])
    expect(second).toMatchObject({ width: null, height: null })
    expect(second.boxes[0]).toMatchObject({ className: 'blue', negative: false, box: { x: 5.5 } })
  })

  it('names the annotation whose bbox is malformed, empty, or outside its image', () => {
    const errors = errorsOf(
      coco({
        annotations: [
          { id: 1, image_id: 1, category_id: 1, bbox: [1, 2, 3] },
          { id: 2, image_id: 1, category_id: 1, bbox: [1, 2, 0, 5] },
          { id: 3, image_id: 1, category_id: 1, bbox: [-4, 2, 5, 5] },
          // Corners written as [x1, y1, x2, y2] overshoot the 640 px width.
          { id: 4, image_id: 1, category_id: 1, bbox: [600, 10, 700, 40] },
          { id: 5, image_id: 1, category_id: 1, bbox: ['1', 2, 3, 4] },
          { id: 6, image_id: 1, category_id: 1, bbox: [10, 10, 10, 10] },
        ],
      }),
    )
    expect(errors).toEqual([
      'Annotation 1: bbox must be [x, y, width, height] in pixels; got [1,2,3].',
      'Annotation 2: bbox width and height must be greater than 0; got [1,2,0,5].',
      'Annotation 3: bbox [-4,2,5,5] starts outside the image; x and y are its top-left corner.',
      'Annotation 4: bbox [600,10,700,40] goes past the right edge (640 px) of image 1 ("ref-1.jpg"). COCO boxes are [left, top, width, height], not corners.',
      'Annotation 5: bbox must be [x, y, width, height] in pixels; got ["1",2,3,4].',
    ])
  })

  it('reports a missing category, an unknown image and a bad negative flag by annotation id', () => {
    const errors = errorsOf(
      coco({
        annotations: [
          { id: 7, image_id: 1, category_id: 9, bbox: [1, 1, 5, 5] },
          { id: 8, image_id: 42, category_id: 1, bbox: [1, 1, 5, 5] },
          { id: 9, image_id: 1, category_id: 1, bbox: [1, 1, 5, 5], negative: 'yes' },
          { image_id: 1, category_id: 1, bbox: [1, 1, 5, 5] },
          { id: 7, image_id: 1, category_id: 1, bbox: [1, 1, 5, 5] },
        ],
      }),
    )
    expect(errors).toEqual([
      'Annotation 7: category_id 9 is not in "categories".',
      'Annotation 8: image_id 42 is not in "images".',
      'Annotation 9: "negative" must be true or false; got "yes".',
      'Annotation 7: the id is used twice.',
    ])
  })

  it('refuses a class with only negative examples, which makes the server fail (§1.5)', () => {
    const errors = errorsOf(
      coco({
        annotations: [
          { id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 5, 5] },
          { id: 2, image_id: 1, category_id: 2, bbox: [1, 1, 5, 5], negative: true },
          { id: 3, image_id: 2, category_id: 2, bbox: [1, 1, 5, 5], negative: true },
        ],
      }),
    )
    expect(errors).toEqual([
      'Class "blue" has only negative examples (Annotation 2, Annotation 3); give it at least one positive box.',
    ])
  })

  it('explains files that are not COCO at all', () => {
    expect(errorsOf('{oops')[0]).toMatch(/^The examples file is not valid JSON/)
    expect(errorsOf('[]')).toEqual([
      'The examples file must be a COCO object with images, annotations and categories.',
    ])
    expect(errorsOf('{"images": []}')).toEqual([
      'The examples file has no "categories" list.',
      'The examples file has no "annotations" list.',
      'The examples file has no usable annotations: draw at least one example box.',
    ])
    expect(errorsOf(coco({ images: [{ id: 1 }], annotations: [] }))).toContain(
      'Image 1 has no file_name.',
    )
  })
})

describe('example boxes against the opened reference image', () => {
  const image = (partial: Partial<ExampleImage>): ExampleImage => ({
    label: 'image 1 ("ref.jpg")',
    fileName: 'ref.jpg',
    path: '/r/ref.jpg',
    width: null,
    height: null,
    boxes: [
      {
        label: 'Annotation 4',
        box: { x: 10, y: 20, width: 30, height: 40 },
        className: 'red',
        negative: false,
      },
    ],
    ...partial,
  })

  it('keeps boxes that lie in the oriented image', () => {
    expect(fitExamplesToImage(image({}), { width: 100, height: 100 })).toEqual({
      ok: true,
      boxes: [{ box: { x: 10, y: 20, width: 30, height: 40 }, className: 'red', negative: false }],
    })
  })

  it('spots a size written before EXIF orientation (sides swapped)', () => {
    const result = fitExamplesToImage(image({ width: 640, height: 480 }), {
      width: 480,
      height: 640,
    })
    expect(result).toEqual({
      ok: false,
      errors: [
        'image 1 ("ref.jpg") is 480x640 as displayed (EXIF orientation applied) but the examples file says 640x480: boxes must be in displayed pixels.',
      ],
    })
  })

  it('names a box that leaves the real image, and clamps a 1 px overshoot', () => {
    const outside = fitExamplesToImage(image({}), { width: 35, height: 100 })
    expect(outside).toEqual({
      ok: false,
      errors: ['Annotation 4: the bbox goes past the right edge (35 px) of image 1 ("ref.jpg").'],
    })
    const overshoot = fitExamplesToImage(image({}), { width: 39.5, height: 100 })
    expect(overshoot.ok && overshoot.boxes[0]?.box).toEqual({
      x: 10,
      y: 20,
      width: 29.5,
      height: 40,
    })
  })
})
