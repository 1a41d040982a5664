import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { readBody } from '../../support/emulator/http-io'
import { postJson, postTinyGdino, readReply, tinyPurple } from './helpers'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})
afterAll(() => emulator.close())

const gdino = (
  target: Emulator,
  extra?: object,
  headers?: Record<string, string>,
  query?: string,
) => postTinyGdino(target.url, extra, headers, query)

describe('server routes', () => {
  it('describes itself on /info, /healthz, /readiness and /model/registry', async () => {
    const info = await readReply(await fetch(`${emulator.url}/info`))
    expect(info.json).toMatchObject({ name: 'Roboflow Inference Server', version: '1.5.0' })
    expect(info.headers.get('x-model-cold-start')).toBe('false')
    expect((await readReply(await fetch(`${emulator.url}/healthz`))).json).toEqual({
      status: 'healthy',
    })
    expect((await readReply(await fetch(`${emulator.url}/readiness`))).json).toEqual({
      status: 'ready',
    })
    await gdino(emulator)
    const registry = (await readReply(await fetch(`${emulator.url}/model/registry`))).json as {
      models: { model_id: string }[]
      gpu_memory_used: null
    }
    expect(registry.models.map((m) => m.model_id)).toContain('grounding_dino/default')
    expect(registry.gpu_memory_used).toBeNull()
  })

  it('lists enabled routes in /openapi.json so clients can probe', async () => {
    const { paths } = (await (await fetch(`${emulator.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>
    }
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/grounding_dino/infer',
        '/owlv2/infer',
        '/infer/lmm',
        '/infer/object_detection',
      ]),
    )
  })

  it('answers unknown paths like the static mount: GET 404, POST 405', async () => {
    const get = await readReply(await fetch(`${emulator.url}/no/such/page`))
    expect([get.status, get.json]).toEqual([404, { detail: 'Not Found' }])
    const post = await postJson(`${emulator.url}/no/such/page`, {})
    expect([post.status, post.json]).toEqual([405, { detail: 'Method Not Allowed' }])
  })

  it('answers malformed JSON with a json_invalid 422', async () => {
    const reply = await postJson(`${emulator.url}/grounding_dino/infer`, '{"text": [')
    expect(reply.status).toBe(422)
    const [issue] = (reply.json as { detail: Record<string, unknown>[] }).detail
    expect(issue).toMatchObject({ type: 'json_invalid', msg: 'JSON decode error', input: {} })
    expect((issue!.loc as unknown[])[0]).toBe('body')
  })

  it('marks the first request for a model as a cold start and names the model', async () => {
    const fresh = await startEmulator()
    try {
      const first = await gdino(fresh)
      const second = await gdino(fresh)
      expect(first.headers.get('x-model-cold-start')).toBe('true')
      expect(second.headers.get('x-model-cold-start')).toBe('false')
      expect(second.headers.get('x-model-id')).toBe('grounding_dino/default')
      expect(second.headers.get('x-inference-engine')).toBe('inference-models')
    } finally {
      await fresh.close()
    }
  })

  it('keeps recent requests, raw api_key included, for clients to assert on', async () => {
    emulator.resetStats()
    await gdino(emulator, { api_key: 'k-1' }, { 'x-extra': 'yes' }, '?countinference=true')
    const last = emulator.stats.lastRequest!
    expect(last.route).toBe('/grounding_dino/infer')
    expect(last.headers['x-extra']).toBe('yes')
    expect(last.query).toEqual({ countinference: 'true' })
    expect((last.body as { api_key: string }).api_key).toBe('k-1')
    expect(emulator.stats.bodiesByRoute['/grounding_dino/infer']).toHaveLength(1)
    expect(emulator.stats.requests).toBe(1)
  })
})

describe('API keys', () => {
  let keyed: Emulator
  beforeAll(async () => {
    keyed = await startEmulator({ apiKey: 'right' })
  })
  afterAll(() => keyed.close())

  it('answers 400 for a missing key and 401 for a wrong one', async () => {
    const missing = await gdino(keyed)
    expect(missing.status).toBe(400)
    expect((missing.json as { message: string }).message).toMatch(
      /^Required Roboflow API key is missing\./,
    )
    const wrong = await gdino(keyed, { api_key: 'nope' })
    expect(wrong.status).toBe(401)
    expect((wrong.json as { message: string }).message).toMatch(
      /^Unauthorized access to roboflow API/,
    )
  })

  it('prefers the query parameter, then the Bearer header, then the body', async () => {
    expect(
      (await gdino(keyed, { api_key: 'right' }, { authorization: 'Bearer right' }, '?api_key=nope'))
        .status,
    ).toBe(401)
    expect((await gdino(keyed, { api_key: 'nope' }, {}, '?api_key=right')).status).toBe(200)
    expect(
      (await gdino(keyed, { api_key: 'nope' }, { authorization: 'Bearer right' })).status,
    ).toBe(200)
    expect(
      (await gdino(keyed, { api_key: 'right' }, { authorization: 'Bearer nope' })).status,
    ).toBe(401)
    expect((await gdino(keyed, { api_key: 'right' })).status).toBe(200)
  })

  it('ignores ?api_key on /infer/object_detection, which declares no such parameter', async () => {
    const { image } = await tinyPurple
    const body = { model_id: 'shapes/1', image }
    expect((await postJson(`${keyed.url}/infer/object_detection?api_key=right`, body)).status).toBe(
      400,
    )
    expect(
      (
        await postJson(`${keyed.url}/infer/object_detection`, body, {
          authorization: 'Bearer right',
        })
      ).status,
    ).toBe(200)
  })

  it('validates the body before looking at the key', async () => {
    expect((await gdino(keyed, { text: 'purple' })).status).toBe(422)
  })
})

describe('request bodies', () => {
  it('refuses a body over the size limit with 413', async () => {
    const stream = Readable.from([Buffer.alloc(10), Buffer.alloc(10)])
    await expect(readBody(stream as never, 15)).rejects.toMatchObject({ status: 413 })
  })
})
