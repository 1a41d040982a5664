import { describe, expect, it } from 'vitest'
import {
  buildOwlv2Request,
  buildOwlv2Training,
  COUNTER_EXAMPLE_WARNING,
  parseOwlv2Response,
  type Owlv2ReferenceInput,
} from '../../../src/main/services/inference/owlv2'
import { AppError } from '../../../src/shared/errors'

/** A 3000x2000 reference uploaded at 1280x853 (x factor 1280/3000, y factor 853/2000). */
const upload = {
  base64: 'QUJD',
  width: 1280,
  height: 853,
  originalWidth: 3000,
  originalHeight: 2000,
}

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height })

function reference(boxes: Owlv2ReferenceInput['boxes'], base64 = 'QUJD'): Owlv2ReferenceInput {
  return { upload: { ...upload, base64 }, boxes }
}

describe('buildOwlv2Training', () => {
  it('moves each box into the uploaded reference pixels as an integer centre', () => {
    const { trainingData, classes, warnings } = buildOwlv2Training([
      reference([{ box: box(300, 400, 600, 300), className: 'dog', negative: false }]),
    ])
    // centre x (300 + 300) * 1280/3000 = 256; centre y (400 + 150) * 853/2000 = 234.575 -> 235;
    // w 600 * 0.42667 = 256; h 300 * 0.4265 = 127.95 -> 128
    expect(trainingData).toEqual([
      {
        image: { type: 'base64', value: 'QUJD' },
        boxes: [{ x: 256, y: 235, w: 256, h: 128, cls: 'dog', negative: false }],
      },
    ])
    expect(classes).toEqual(['dog'])
    expect(warnings).toEqual([])
  })

  it('clips boxes to their reference and leaves out those wholly outside', () => {
    const { trainingData, warnings } = buildOwlv2Training([
      reference([
        { box: box(2900, -100, 200, 300), className: 'dog', negative: false },
        { box: box(3100, 10, 50, 50), className: 'dog', negative: false },
      ]),
    ])
    // clipped to 2900..3000 x 0..200: centre (2950, 100) -> (1259, 43), size 100x200 -> 43x85
    expect(trainingData[0]?.boxes).toEqual([
      { x: 1259, y: 43, w: 43, h: 85, cls: 'dog', negative: false },
    ])
    expect(warnings).toEqual(['1 example box lies outside its reference image and was left out.'])
  })

  it('never sends a class that has only counter-examples, and names it', () => {
    const { trainingData, classes, warnings } = buildOwlv2Training([
      reference([
        { box: box(0, 0, 300, 300), className: 'dog', negative: false },
        { box: box(600, 0, 300, 300), className: 'cat', negative: true },
      ]),
      reference([{ box: box(0, 0, 300, 300), className: 'cat', negative: true }], 'REVG'),
    ])
    expect(trainingData).toHaveLength(1)
    expect(trainingData[0]?.boxes.map((b) => b.cls)).toEqual(['dog'])
    expect(classes).toEqual(['dog'])
    expect(warnings).toEqual([
      '"cat" has only counter-examples, so it was not sent: OWLv2 needs at least one example box of a class.',
    ])
  })

  it('keeps counter-examples of a class with examples, with the plain caveat', () => {
    const { trainingData, warnings } = buildOwlv2Training([
      reference([
        { box: box(0, 0, 300, 300), className: 'dog', negative: false },
        { box: box(600, 0, 300, 300), className: 'dog', negative: true },
      ]),
    ])
    expect(trainingData[0]?.boxes.map((b) => b.negative)).toEqual([false, true])
    expect(warnings).toEqual([COUNTER_EXAMPLE_WARNING])
  })

  it('sends several references and sorts classes as the server does; empty references are left out', () => {
    const { trainingData, classes } = buildOwlv2Training([
      reference([{ box: box(0, 0, 300, 300), className: 'zebra', negative: false }]),
      reference([]),
      reference([{ box: box(0, 0, 300, 300), className: 'Ant', negative: false }], 'REVG'),
    ])
    expect(trainingData.map((t) => t.image.value)).toEqual(['QUJD', 'REVG'])
    expect(classes).toEqual(['Ant', 'zebra'])
  })

  it('refuses when no example remains', () => {
    const attempt = () =>
      buildOwlv2Training([
        reference([{ box: box(0, 0, 300, 300), className: 'cat', negative: true }]),
      ])
    expect(attempt).toThrow(AppError)
    expect(attempt).toThrow(/at least one example box that is not a counter-example/)
    expect(() => buildOwlv2Training([])).toThrow(AppError)
  })
})

describe('buildOwlv2Request', () => {
  const trainingData = [{ image: { type: 'base64' as const, value: 'QUJD' }, boxes: [] }]

  it('sends one query image, the training data, confidence and version (§1.5)', () => {
    const body = buildOwlv2Request({
      imageBase64: 'SU1H',
      trainingData,
      confidence: 0.95,
      versionId: 'owlv2-base-patch16-ensemble',
      apiKey: 'K',
      transport: 'query',
    })
    expect(body).toEqual({
      image: { type: 'base64', value: 'SU1H' },
      training_data: trainingData,
      confidence: 0.95,
      owlv2_version_id: 'owlv2-base-patch16-ensemble',
    })
  })

  it('puts the key in the body only for body transport', () => {
    const input = { imageBase64: 'SU1H', trainingData, confidence: 0.99, versionId: 'v' }
    expect(buildOwlv2Request({ ...input, apiKey: 'K', transport: 'body' }).api_key).toBe('K')
    expect(buildOwlv2Request({ ...input, apiKey: 'K', transport: 'header' })).not.toHaveProperty(
      'api_key',
    )
    expect(buildOwlv2Request({ ...input, apiKey: null, transport: 'body' })).not.toHaveProperty(
      'api_key',
    )
  })
})

describe('parseOwlv2Response', () => {
  /** Recorded Mode F shape (§1.5, §2.2): nulls kept, truncated integer boxes, class ids of the sorted list. */
  const recorded = {
    visualization: null,
    inference_id: 'req-1',
    frame_id: null,
    time: 0.41,
    image: { width: 800, height: 533 },
    predictions: [
      {
        x: 100.5,
        y: 66.5,
        width: 160.0,
        height: 107.0,
        confidence: 0.9957,
        class: 'tomato',
        class_confidence: null,
        class_id: 1,
        tracker_id: null,
        detection_id: 'd1',
        parent_id: null,
      },
      {
        x: 798.0,
        y: 10.0,
        width: 10.0,
        height: 30.0,
        confidence: 0.9912,
        class: 'berry',
        class_confidence: null,
        class_id: 0,
        tracker_id: null,
        detection_id: 'd2',
        parent_id: null,
      },
    ],
  }

  it('keys on class, scales each axis back to the original and clips overhangs', () => {
    const parsed = parseOwlv2Response(recorded, {
      scale: { x: 1200 / 800, y: 800 / 533 },
      imageWidth: 1200,
      imageHeight: 800,
    })
    expect(parsed.serverImage).toEqual({ width: 800, height: 533 })
    expect(parsed.time).toBe(0.41)
    const [tomato, berry] = parsed.detections
    expect(tomato?.className).toBe('tomato')
    expect(tomato?.prompt).toBeUndefined()
    // top-left (20.5, 13) upload -> (30.75, 19.51...) original
    expect(tomato?.box.x).toBeCloseTo(30.75, 6)
    expect(tomato?.box.y).toBeCloseTo(13 * (800 / 533), 6)
    expect(tomato?.box.width).toBeCloseTo(240, 6)
    expect(tomato?.box.height).toBeCloseTo(107 * (800 / 533), 6)
    // 793..803 in upload pixels overhangs the 800-wide upload: clipped at 1200 original
    expect(berry?.className).toBe('berry')
    expect(berry?.box.x).toBeCloseTo(1189.5, 6)
    expect(berry?.box.width).toBeCloseTo(10.5, 6)
  })
})
