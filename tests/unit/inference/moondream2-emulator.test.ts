import { afterEach, describe, expect, it } from 'vitest'
import type { MoondreamBody } from '../../../src/main/services/inference/moondream2'
import type { ModelSpec } from '../../../src/shared/contract'
import { bodies, caught, expectBoxNear, KEY, shapeOf, startHarness, type Harness } from './harness'

let h: Harness
afterEach(() => h?.close())

const ROUTE = '/infer/lmm'

/** Displayed 1200x800; uploaded at 800x533 (maxUploadSide 800). */
function photo(orientation: 6 | 8) {
  return {
    width: 1200,
    height: 800,
    orientation,
    shapes: [
      { colour: 'red' as const, x: 99, y: 120, width: 240, height: 159 },
      { colour: 'blue' as const, x: 702, y: 399, width: 201, height: 300 },
    ],
  }
}

const model: ModelSpec = {
  kind: 'moondream2',
  prompts: ['red box', 'blue box', 'green thing'],
  modelId: 'moondream2/moondream2-2b',
}

describe('Moondream2 against the inference emulator', () => {
  it.each([6, 8] as const)(
    'sends one request per prompt and finds the shapes of an EXIF-%i, downscaled photo',
    async (orientation) => {
      h = await startHarness()
      const truth = await h.addImage('photo', photo(orientation))
      const result = await h.service.run({ requestId: 'm1', imageId: 'photo', model })

      const sent = bodies<MoondreamBody>(h.emulator, ROUTE)
      expect(sent.map((b) => b.prompt)).toEqual(['red box', 'blue box', 'green thing'])
      for (const body of sent) {
        // infer_lmm's key order (§1.6); the key went in the query
        expect(Object.keys(body)).toEqual(['model_id', 'prompt', 'image'])
        expect(body.model_id).toBe('moondream2/moondream2-2b')
        expect(body.image.type).toBe('base64')
        expect(body.image.value).toBe(sent[0]?.image.value)
      }
      expect(h.emulator.stats.recentRequests.every((r) => r.query.api_key === KEY)).toBe(true)

      expect(result).toMatchObject({
        width: 1200,
        height: 800,
        uploadWidth: 800,
        uploadHeight: 533,
      })
      expect(result.detections.map((d) => [d.className, d.confidence])).toEqual([
        ['red box', 1],
        ['blue box', 1],
      ])
      expectBoxNear(result.detections[0]?.box, shapeOf(truth, 'red'))
      expectBoxNear(result.detections[1]?.box, shapeOf(truth, 'blue'))
      expect(result.mapping).toEqual([
        { prompt: 'red box', className: 'red box' },
        { prompt: 'blue box', className: 'blue box' },
        { prompt: 'green thing', className: 'green thing' },
      ])
      expect(h.events.filter((e) => e.state === 'uploading').map((e) => e.message)).toEqual([
        'Prompt 1 of 3: "red box"',
        'Prompt 2 of 3: "blue box"',
        'Prompt 3 of 3: "green thing"',
      ])
    },
  )

  it('puts the key first in the body for body transport, and only in a Bearer header for header transport', async () => {
    h = await startHarness({ server: { keyTransport: 'body' } })
    await h.addImage('photo', photo(6))
    const one: ModelSpec = { ...model, prompts: ['red box'] }
    await h.service.run({ requestId: 'mb', imageId: 'photo', model: one })
    const [body] = bodies<MoondreamBody>(h.emulator, ROUTE)
    expect(Object.keys(body ?? {})).toEqual(['api_key', 'model_id', 'prompt', 'image'])
    expect(body?.api_key).toBe(KEY)
    expect(h.emulator.stats.lastRequest?.query.api_key).toBeUndefined()
    await h.close()

    h = await startHarness({ server: { keyTransport: 'header' } })
    await h.addImage('photo', photo(6))
    await h.service.run({ requestId: 'mh', imageId: 'photo', model: one })
    const last = h.emulator.stats.lastRequest
    expect(last?.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(last?.query.api_key).toBeUndefined()
    expect(Object.keys(last?.body ?? {})).toEqual(['model_id', 'prompt', 'image'])
  })

  it('sends a repeated prompt once', async () => {
    h = await startHarness()
    await h.addImage('photo', photo(8))
    const twice: ModelSpec = { ...model, prompts: ['red box', 'red box'] }
    const result = await h.service.run({ requestId: 'md', imageId: 'photo', model: twice })
    expect(h.emulator.stats.byRoute[ROUTE]).toBe(1)
    expect(result.detections).toHaveLength(1)
  })

  it('names the server flag when /infer/lmm is switched off', async () => {
    h = await startHarness({ emulator: { lmmEnabled: false } })
    await h.addImage('photo', photo(6))
    const e = await caught(h.service.run({ requestId: 'off', imageId: 'photo', model }))
    expect(e.code).toBe('route-disabled')
    expect(e.hint).toContain('MOONDREAM2_ENABLED')
    expect(h.events.at(-1)).toMatchObject({ state: 'failed', message: e.message })
  })

  it('tells an unknown model id apart from a disabled route', async () => {
    h = await startHarness()
    await h.addImage('photo', photo(6))
    const other: ModelSpec = { ...model, modelId: 'florence-2/base' }
    const e = await caught(h.service.run({ requestId: 'nf', imageId: 'photo', model: other }))
    expect(e.code).toBe('model-not-found')
    expect(e.message).toContain('florence-2/base')
  })
})
