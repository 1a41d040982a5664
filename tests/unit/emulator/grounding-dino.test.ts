import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { base64Image, expectBoxNear, postJson, sortByX } from './helpers'

const SHAPES = [
  { colour: 'red' as const, x: 40, y: 60, width: 120, height: 80 },
  { colour: 'blue' as const, x: 300, y: 400, width: 90, height: 150 },
  { colour: 'red' as const, x: 250, y: 100, width: 60, height: 60 },
]

interface Prediction {
  x: number
  y: number
  width: number
  height: number
  confidence: number
  class: string
  class_id: number
}

let emulator: Emulator
let url: string

beforeAll(async () => {
  emulator = await startEmulator()
  url = `${emulator.url}/grounding_dino/infer`
})
afterAll(() => emulator.close())

describe('POST /grounding_dino/infer', () => {
  it.each([6, 3] as const)(
    'finds the shapes of an EXIF orientation %i JPEG where they appear once rotated',
    async (orientation) => {
      const { image, trueBoxes } = await base64Image({
        width: 480,
        height: 560,
        shapes: SHAPES,
        orientation,
      })
      const reply = await postJson(url, { image, text: ['red square', 'blue'] })
      expect(reply.status).toBe(200)
      const body = reply.json as { image: unknown; predictions: Prediction[] }
      expect(body.image).toEqual({ width: 480, height: 560 })
      const predictions = sortByX(body.predictions)
      const expected = sortByX(trueBoxes)
      expect(predictions.map((p) => p.class)).toEqual(['red square', 'red square', 'blue'])
      expect(predictions.map((p) => p.class_id)).toEqual([0, 0, 1])
      predictions.forEach((p, i) => expectBoxNear(p, expected[i]!))
    },
  )

  it('answers in Mode F: every optional field present as null, in pydantic key order', async () => {
    const { image } = await base64Image({
      width: 100,
      height: 80,
      shapes: [SHAPES[2]!].map((s) => ({ ...s, x: 10, y: 10 })),
    })
    const reply = await postJson(url, { image, text: ['red'] })
    const body = reply.json as Record<string, unknown> & { predictions: Record<string, unknown>[] }
    expect(Object.keys(body)).toEqual([
      'visualization',
      'inference_id',
      'frame_id',
      'time',
      'image',
      'predictions',
    ])
    expect([body.visualization, body.inference_id, body.frame_id]).toEqual([null, null, null])
    expect(Object.keys(body.predictions[0]!)).toEqual([
      'x',
      'y',
      'width',
      'height',
      'confidence',
      'class',
      'class_confidence',
      'class_id',
      'tracker_id',
      'detection_id',
      'parent_id',
    ])
    // Box sizes are floats on the wire: Python prints them as 60.0, not 60.
    expect(reply.text).toMatch(/"width":60\.0,"height":60\.0/)
  })

  it('fails the whole request with 500 when a capitalised or punctuated prompt matches a region', async () => {
    const { image } = await base64Image({
      width: 200,
      height: 200,
      shapes: [{ colour: 'red', x: 10, y: 10, width: 50, height: 50 }],
    })
    for (const text of [['Red'], ['red t-shirt'], ['blue', 'Red square']]) {
      const reply = await postJson(url, { image, text })
      expect(reply.status).toBe(500)
      expect(reply.json).toEqual({ message: 'Internal error.' })
    }
    // A capitalised prompt that finds nothing never reaches the phrase mapping.
    expect((await postJson(url, { image, text: ['Green'] })).status).toBe(200)
  })

  it('drops detections under box_threshold, and confidences differ between regions', async () => {
    const { image } = await base64Image({
      width: 300,
      height: 200,
      shapes: [
        { colour: 'green', x: 10, y: 10, width: 100, height: 100 },
        { colour: 'green', x: 150, y: 20, width: 25, height: 25 },
      ],
    })
    const all = (await postJson(url, { image, text: ['green'], box_threshold: 0.1 })).json as {
      predictions: Prediction[]
    }
    const [big, small] = all.predictions.sort((a, b) => b.confidence - a.confidence)
    expect(big!.confidence).toBeGreaterThan(small!.confidence)
    const between = (big!.confidence + small!.confidence) / 2
    const filtered = (await postJson(url, { image, text: ['green'], box_threshold: between }))
      .json as { predictions: Prediction[] }
    expect(filtered.predictions).toHaveLength(1)
    expect(filtered.predictions[0]!.width).toBe(100)
  })

  it('gives 500 when text_threshold exceeds the box score, as an empty phrase matches no prompt', async () => {
    const { image } = await base64Image({
      width: 120,
      height: 120,
      shapes: [{ colour: 'green', x: 10, y: 10, width: 60, height: 60 }],
    })
    const reply = await postJson(url, {
      image,
      text: ['green'],
      box_threshold: 0.3,
      text_threshold: 0.99,
    })
    expect(reply.status).toBe(500)
  })

  it('rejects a body without text with the pydantic 422 shape', async () => {
    const { image } = await base64Image({ width: 20, height: 20, shapes: [] })
    const reply = await postJson(url, { image })
    expect(reply.status).toBe(422)
    expect(reply.json).toEqual({
      detail: [{ type: 'missing', loc: ['body', 'text'], msg: 'Field required', input: { image } }],
    })
  })

  it('rejects a list of images with the misleading NumPy message (§1.4)', async () => {
    const { image } = await base64Image({ width: 20, height: 20, shapes: [] })
    const reply = await postJson(url, { image: [image, image], text: ['red'] })
    expect(reply.status).toBe(400)
    expect(reply.json).toEqual({
      message:
        'Could not load input image. Cause: NumPy image type is not supported in this configuration of `inference`.',
    })
  })

  it('reports undecodable images with the load-error messages', async () => {
    const cases: [string, string][] = [
      ['abc', 'Malformed base64 input image.'],
      [Buffer.from('hello').toString('base64'), 'Malformed base64 input image.'],
      ['', 'Empty image payload.'],
    ]
    for (const [value, cause] of cases) {
      const reply = await postJson(url, { image: { type: 'base64', value }, text: ['red'] })
      expect([reply.status, reply.json]).toEqual([
        400,
        { message: `Could not load input image. Cause: ${cause}` },
      ])
    }
  })
})
