import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { base64Image, expectBoxNear, postJson, readReply, sortByX } from './helpers'

interface Prediction {
  x: number
  y: number
  width: number
  height: number
  confidence: number
  class: string
  class_id: number
}
type Body = { predictions: Prediction[]; inference_id?: string; visualization?: string }

const SHAPES = [
  { colour: 'red' as const, x: 10, y: 10, width: 60, height: 50 },
  { colour: 'green' as const, x: 100, y: 30, width: 18, height: 18 },
  { colour: 'blue' as const, x: 150, y: 80, width: 40, height: 60 },
]
const spec = { width: 220, height: 160, shapes: SHAPES, orientation: 6 as const }

let emulator: Emulator
beforeAll(async () => {
  emulator = await startEmulator({
    legacyModels: { 'shapes/1': { classes: ['red', 'green', 'blue'] } },
  })
})
afterAll(() => emulator.close())

describe('POST /infer/object_detection', () => {
  it('answers in Mode O with colour classes at the shapes, nulls omitted', async () => {
    const { image, trueBoxes } = await base64Image(spec)
    const reply = await postJson(`${emulator.url}/infer/object_detection`, {
      model_id: 'shapes/1',
      image,
      confidence: 0.1,
      id: 'od',
    })
    expect(reply.status).toBe(200)
    const body = reply.json as Body & Record<string, unknown>
    expect(Object.keys(body)).toEqual(['inference_id', 'time', 'image', 'predictions'])
    const predictions = sortByX(body.predictions)
    expect(predictions.map((p) => [p.class, p.class_id])).toEqual([
      ['red', 0],
      ['green', 1],
      ['blue', 2],
    ])
    sortByX(trueBoxes).forEach((box, i) => expectBoxNear(predictions[i]!, box))
    expect(predictions[0]).not.toHaveProperty('parent_id')
  })

  it('does not rescale confidence: 50 filters out everything', async () => {
    const { image } = await base64Image(spec)
    const reply = await postJson(`${emulator.url}/infer/object_detection`, {
      model_id: 'shapes/1',
      image,
      confidence: 50,
    })
    expect((reply.json as Body).predictions).toEqual([])
  })

  it('applies class_filter and answers a list of images with an array sharing one inference_id', async () => {
    const { image } = await base64Image(spec)
    const reply = await postJson(`${emulator.url}/infer/object_detection`, {
      model_id: 'shapes/1',
      image: [image, image],
      class_filter: ['blue'],
      id: 'batch-1',
    })
    const bodies = reply.json as Body[]
    expect(bodies).toHaveLength(2)
    expect(bodies.map((b) => b.inference_id)).toEqual(['batch-1', 'batch-1'])
    expect(bodies.map((b) => b.predictions.map((p) => p.class))).toEqual([['blue'], ['blue']])
  })

  it('needs a JSON content type: form data fails validation with 422', async () => {
    const reply = await readReply(
      await fetch(`${emulator.url}/infer/object_detection`, {
        method: 'POST',
        body: new URLSearchParams({ model_id: 'shapes/1' }),
      }),
    )
    expect(reply.status).toBe(422)
    expect((reply.json as { detail: { type: string }[] }).detail[0]!.type).toBe(
      'model_attributes_type',
    )
  })

  it('answers 404 for a model it does not host', async () => {
    const { image } = await base64Image(spec)
    const reply = await postJson(`${emulator.url}/infer/object_detection`, {
      model_id: 'nope/3',
      image,
    })
    expect(reply.status).toBe(404)
  })
})
