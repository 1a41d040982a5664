import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { base64Image, expectBoxNear, postJson } from './helpers'

const MODEL = 'moondream2/moondream2-2b'
let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const picture = base64Image({
  width: 160,
  height: 120,
  orientation: 6,
  shapes: [
    { colour: 'orange', x: 12, y: 20, width: 50, height: 30 },
    { colour: 'cyan', x: 90, y: 60, width: 40, height: 40 },
  ],
})

describe('POST /infer/lmm (Moondream2)', () => {
  it('detects the one object named in the prompt with confidence 1.0 and nulls omitted', async () => {
    const { image, trueBoxes } = await picture
    const reply = await postJson(`${emulator.url}/infer/lmm`, {
      model_id: MODEL,
      prompt: 'orange box',
      image,
      id: 'lmm-1',
    })
    expect(reply.status).toBe(200)
    const body = reply.json as Record<string, unknown> & { predictions: Record<string, unknown>[] }
    expect(Object.keys(body)).toEqual(['inference_id', 'time', 'image', 'predictions'])
    expect(body.inference_id).toBe('lmm-1')
    expect(body.predictions).toHaveLength(1)
    const [prediction] = body.predictions
    expect(Object.keys(prediction!)).toEqual([
      'x',
      'y',
      'width',
      'height',
      'confidence',
      'class',
      'class_id',
      'detection_id',
    ])
    expect(prediction).toMatchObject({ confidence: 1, class: 'orange box', class_id: 0 })
    expect(reply.text).toContain('"confidence":1.0')
    expectBoxNear(prediction as never, trueBoxes[0]!)
  })

  it('takes the model id from the path, and a null body model_id defers to it', async () => {
    const { image } = await picture
    const reply = await postJson(`${emulator.url}/infer/lmm/${MODEL}`, {
      model_id: null,
      prompt: 'cyan',
      image,
    })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('x-model-id')).toBe(MODEL)
  })

  it('refuses a body model_id that differs from the path', async () => {
    const { image } = await picture
    const reply = await postJson(`${emulator.url}/infer/lmm/${MODEL}`, {
      model_id: 'moondream2/other',
      prompt: 'cyan',
      image,
    })
    expect(reply.status).toBe(400)
    expect((reply.json as { detail: string }).detail).toMatch(/^Model ID mismatch: /)
  })

  it('requires the model_id key even though it may be null', async () => {
    const { image } = await picture
    const reply = await postJson(`${emulator.url}/infer/lmm/${MODEL}`, { prompt: 'cyan', image })
    expect(reply.status).toBe(422)
    expect((reply.json as { detail: { type: string; loc: unknown[] }[] }).detail[0]).toMatchObject({
      type: 'missing',
      loc: ['body', 'model_id'],
    })
  })

  it('fails with 500 on a null prompt and on a list of images', async () => {
    const { image } = await picture
    const noPrompt = await postJson(`${emulator.url}/infer/lmm`, { model_id: MODEL, image })
    expect([noPrompt.status, noPrompt.json]).toEqual([500, { message: 'Internal error.' }])
    const batch = await postJson(`${emulator.url}/infer/lmm`, {
      model_id: MODEL,
      prompt: 'cyan',
      image: [image],
    })
    expect([batch.status, batch.json]).toEqual([500, { message: 'Internal error.' }])
  })

  it('honours disable_preproc_auto_orient and reports the stored layout', async () => {
    const { image } = await picture
    const reply = await postJson(`${emulator.url}/infer/lmm`, {
      model_id: MODEL,
      prompt: 'cyan',
      image,
      disable_preproc_auto_orient: true,
    })
    expect((reply.json as { image: unknown }).image).toEqual({ width: 120, height: 160 })
  })

  it('falls into the legacy route when LMM routes are disabled', async () => {
    const disabled = await startEmulator({ lmmEnabled: false })
    try {
      const { image } = await picture
      const reply = await postJson(`${disabled.url}/infer/lmm`, {
        model_id: MODEL,
        prompt: 'cyan',
        image,
      })
      expect(reply.status).toBe(404)
      const deeper = await postJson(`${disabled.url}/infer/lmm/${MODEL}`, {
        model_id: null,
        prompt: 'cyan',
        image,
      })
      expect([deeper.status, deeper.json]).toEqual([405, { detail: 'Method Not Allowed' }])
    } finally {
      await disabled.close()
    }
  })
})
