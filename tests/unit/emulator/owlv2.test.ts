import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { base64Image, expectBoxNear, postJson, sortByX } from './helpers'

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

// Reference: a red and a blue shape, displayed 200x150 but stored sideways (orientation 8).
const reference = base64Image({
  width: 200,
  height: 150,
  orientation: 8,
  shapes: [
    { colour: 'red', x: 20, y: 20, width: 40, height: 30 },
    { colour: 'blue', x: 120, y: 60, width: 50, height: 50 },
  ],
})
// Centre boxes in displayed pixels of the reference.
const RED_BOX = { x: 40, y: 35, w: 40, h: 30 }
const BLUE_BOX = { x: 145, y: 85, w: 50, h: 50 }
const BACKGROUND_BOX = { x: 100, y: 130, w: 20, h: 10 }

const QUERY_SHAPES = [
  { colour: 'red' as const, x: 30, y: 40, width: 60, height: 44 },
  { colour: 'blue' as const, x: 200, y: 30, width: 36, height: 80 },
  { colour: 'red' as const, x: 150, y: 150, width: 30, height: 30 },
]

beforeAll(async () => {
  emulator = await startEmulator()
  url = `${emulator.url}/owlv2/infer`
})
afterAll(() => emulator.close())

async function infer(boxes: object[], extra: object = {}) {
  const ref = await reference
  const query = await base64Image({ width: 320, height: 240, shapes: QUERY_SHAPES, orientation: 3 })
  const reply = await postJson(url, {
    image: query.image,
    training_data: [{ image: ref.image, boxes }],
    ...extra,
  })
  return { reply, trueBoxes: query.trueBoxes }
}

describe('POST /owlv2/infer', () => {
  it('finds query regions of the colour under each training box, with sorted class ids', async () => {
    const { reply, trueBoxes } = await infer([
      { ...RED_BOX, cls: 'tomato' },
      { ...BLUE_BOX, cls: 'berry' },
    ])
    expect(reply.status).toBe(200)
    const body = reply.json as { inference_id: string; predictions: Prediction[] }
    const predictions = sortByX(body.predictions)
    expect(predictions.map((p) => [p.class, p.class_id])).toEqual([
      ['tomato', 1],
      ['tomato', 1],
      ['berry', 0],
    ])
    sortByX(trueBoxes).forEach((box, i) => expectBoxNear(predictions[i]!, box))
    expect(predictions.every((p) => p.confidence >= 0.99)).toBe(true)
    expect(typeof body.inference_id).toBe('string')
  })

  it('echoes the request id as inference_id and keeps Mode F nulls', async () => {
    const { reply } = await infer([{ ...RED_BOX, cls: 'tomato' }], { id: 'req-7' })
    const body = reply.json as Record<string, unknown>
    expect(body.inference_id).toBe('req-7')
    expect(body.visualization).toBeNull()
    expect(body.frame_id).toBeNull()
  })

  it('accepts 12.0 but rejects 12.5 for a box coordinate (int_from_float)', async () => {
    expect((await infer([{ ...RED_BOX, x: 40.0, cls: 'tomato' }])).reply.status).toBe(200)
    const { reply } = await infer([{ ...RED_BOX, x: 40.5, cls: 'tomato' }])
    expect(reply.status).toBe(422)
    expect(reply.json).toEqual({
      detail: [
        {
          type: 'int_from_float',
          loc: ['body', 'training_data', 0, 'boxes', 0, 'x'],
          msg: 'Input should be a valid integer, got a number with a fractional part',
          input: 40.5,
        },
      ],
    })
  })

  it('drops a box on background silently, shifting later labels of the same image (§1.5)', async () => {
    const { reply } = await infer([
      { ...BACKGROUND_BOX, cls: 'nothing' },
      { ...BLUE_BOX, cls: 'berry' },
    ])
    // The blue embedding is zipped with the first label, so blue regions come back as "nothing".
    const classes = (reply.json as { predictions: Prediction[] }).predictions.map((p) => p.class)
    expect(classes).toEqual(['nothing'])
  })

  it('fails with 500 when a class has only negative examples', async () => {
    const { reply } = await infer([
      { ...RED_BOX, cls: 'tomato' },
      { ...BLUE_BOX, cls: 'berry', negative: true },
    ])
    expect([reply.status, reply.json]).toEqual([500, { message: 'Internal error.' }])
  })

  it('suppresses hits whose colour was also given as a negative of that class (legacy behaviour)', async () => {
    const { reply } = await infer([
      { ...RED_BOX, cls: 'thing' },
      { ...BLUE_BOX, cls: 'thing' },
      { ...BLUE_BOX, cls: 'thing', negative: true },
    ])
    // Only the two red query shapes (60 and 30 wide) survive; the blue one is suppressed.
    const widths = (reply.json as { predictions: Prediction[] }).predictions.map((p) => p.width)
    expect(widths.sort()).toEqual([30, 60])
  })

  it('rejects reference base64 with line breaks as a model input error', async () => {
    const ref = await reference
    const wrapped = ref.image.value.replace(/(.{76})/g, '$1\n')
    const reply = await postJson(url, {
      image: ref.image,
      training_data: [
        { image: { type: 'base64', value: wrapped }, boxes: [{ ...RED_BOX, cls: 'a' }] },
      ],
    })
    expect(reply.status).toBe(400)
    expect((reply.json as { message: string }).message).toMatch(/^Error with model input\. Cause: /)
    expect(reply.json).toHaveProperty('help_url')
  })

  it('answers a list of query images with plain-text 500 from response validation', async () => {
    const ref = await reference
    const reply = await postJson(url, {
      image: [ref.image],
      training_data: [{ image: ref.image, boxes: [{ ...RED_BOX, cls: 'a' }] }],
    })
    expect([reply.status, reply.text]).toEqual([500, 'Internal Server Error'])
  })

  it('falls into the legacy route when disabled, like a server without the OWLv2 flag', async () => {
    const disabled = await startEmulator({ owlv2Enabled: false })
    try {
      const ref = await reference
      const reply = await postJson(`${disabled.url}/owlv2/infer`, {
        image: ref.image,
        training_data: [{ image: ref.image, boxes: [{ ...RED_BOX, cls: 'a' }] }],
      })
      // Model "owlv2/infer" does not exist, so the catch-all answers 404 (§1).
      expect([reply.status, reply.json]).toEqual([
        404,
        {
          message:
            'Requested Roboflow resource not found. Make sure that workspace, project or model you referred in request exists.',
        },
      ])
      expect(disabled.stats.byRoute['/{dataset_id}/{version_id}']).toBe(1)
      const openapi = (await (await fetch(`${disabled.url}/openapi.json`)).json()) as {
        paths: object
      }
      expect(Object.keys(openapi.paths)).not.toContain('/owlv2/infer')
    } finally {
      await disabled.close()
    }
  })
})
