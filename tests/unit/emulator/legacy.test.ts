import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage } from '../../support/test-images'
import { expectBoxNear, readReply, sortByX } from './helpers'

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

describe('legacy /{dataset_id}/{version_id}', () => {
  const legacy = (query: string) => `${emulator.url}/shapes/1?${query}`
  const postBase64 = async (query: string, contentType = 'application/x-www-form-urlencoded') => {
    const { buffer } = await makeShapesImage(spec)
    const response = await fetch(legacy(query), {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: buffer.toString('base64'),
    })
    return readReply(response)
  }

  it('reads percentages: confidence 70 means 0.7, the same as 0.7', async () => {
    const half = (await postBase64('confidence=0.7')).json as Body
    const percent = (await postBase64('confidence=70')).json as Body
    expect(percent.predictions.map((p) => p.class)).toEqual(half.predictions.map((p) => p.class))
    // The small green square scores about 0.59; confidence=1 means 1% and keeps it.
    expect(half.predictions.map((p) => p.class)).not.toContain('green')
    expect(((await postBase64('confidence=1')).json as Body).predictions).toHaveLength(3)
  })

  it('ignores the classes parameter like the real local server', async () => {
    const reply = await postBase64('confidence=1&classes=red')
    expect((reply.json as Body).predictions).toHaveLength(3)
  })

  it('takes raw bytes from the multipart part named file', async () => {
    const { buffer, trueBoxes } = await makeShapesImage(spec)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(buffer)], { type: 'image/jpeg' }), 'shapes.jpg')
    const reply = await readReply(
      await fetch(legacy('confidence=1'), { method: 'POST', body: form }),
    )
    expect(reply.status).toBe(200)
    const predictions = sortByX((reply.json as Body).predictions)
    sortByX(trueBoxes).forEach((box, i) => expectBoxNear(predictions[i]!, box))
    expect(emulator.stats.lastRequest?.body).toMatchObject({
      multipart: [{ name: 'file', filename: 'shapes.jpg' }],
    })
  })

  it('refuses raw JPEG bytes sent without multipart, a missing content type and an empty body', async () => {
    const { buffer } = await makeShapesImage(spec)
    const raw = await readReply(
      await fetch(legacy(''), {
        method: 'POST',
        headers: { 'content-type': 'image/jpeg' },
        body: new Uint8Array(buffer),
      }),
    )
    expect(raw.status).toBe(400)
    expect((raw.json as { message: string }).message).toMatch(
      /^Could not load input image. Cause: Invalid base64 input: the image payload contains raw bytes/,
    )
    const noType = await readReply(await fetch(legacy(''), { method: 'POST' }))
    expect([noType.status, noType.json]).toEqual([
      400,
      { message: 'Content-Type header not provided with request.' },
    ])
    const empty = await readReply(
      await fetch(legacy(''), {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '',
      }),
    )
    expect([empty.status, empty.json]).toEqual([
      400,
      { message: 'Could not load input image. Cause: Empty image payload.' },
    ])
  })

  it('draws the detections as a JPEG for format=image and adds base64 for image_and_json', async () => {
    const jpeg = await fetch(legacy('format=image&confidence=1'), {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: (await makeShapesImage(spec)).buffer.toString('base64'),
    })
    expect([jpeg.status, jpeg.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
    // Drawn on the oriented image, so the JPEG has the displayed size.
    const meta = await sharp(Buffer.from(await jpeg.arrayBuffer())).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 220, 160])
    const both = (await postBase64('format=image_and_json')).json as Body
    expect(both.visualization).toMatch(/^\/9j\//)
  })

  it('refuses a non-https image URL with the configuration message', async () => {
    const reply = await readReply(
      await fetch(legacy('image=http://example.com/a.jpg'), { method: 'POST' }),
    )
    expect(reply.json).toEqual({
      message:
        'Could not load input image. Cause: Providing images via non https:// URL is not supported in this configuration of `inference`.',
    })
  })

  it('answers 422 for a confidence that is not a number', async () => {
    const reply = await postBase64('confidence=high')
    expect(reply.status).toBe(422)
    expect((reply.json as { detail: { loc: unknown[] }[] }).detail[0]!.loc).toEqual([
      'query',
      'confidence',
    ])
  })
})
