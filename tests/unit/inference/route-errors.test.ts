import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { DetectorContext } from '../../../src/main/services/detectors'
import { responseError, routeOffered } from '../../../src/main/services/detectors/request'
import { createInferenceHttp } from '../../../src/main/services/inference/http-client'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** A server whose /openapi.json answers as given; counts how often it was asked. */
async function routeList(answer: (res: ServerResponse) => void) {
  const seen: string[] = []
  const server = createServer((req: IncomingMessage, res) => {
    seen.push(req.url ?? '')
    answer(res)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const http = createInferenceHttp({
    timeouts: { connectMs: 1000, headersMs: 2000, bodyMs: 2000 },
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  })
  cleanups.push(async () => {
    await http.close()
    server.closeAllConnections()
    await new Promise<void>((r) => server.close(() => r()))
  })
  const ctx = {
    http,
    server: {
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      apiKey: null,
      keyTransport: 'query',
      maxUploadSide: 0,
    },
    signal: new AbortController().signal,
  } as unknown as DetectorContext
  return { ctx, seen }
}

const paths =
  (...routes: string[]) =>
  (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ paths: Object.fromEntries(routes.map((r) => [r, { post: {} }])) }))
  }

const missingKey = {
  status: 400,
  headers: {},
  json: { message: 'Required Roboflow API key is missing. Visit https://docs.roboflow.com' },
}

describe('responseError on core-model routes (§1, §6.11)', () => {
  it('turns a legacy catch-all answer into route-disabled when the route list lacks the route', async () => {
    const { ctx, seen } = await routeList(
      paths('/grounding_dino/infer', '/{dataset_id}/{version_id}'),
    )
    const e = await responseError(ctx, missingKey, { route: '/owlv2/infer', model: 'OWLv2' })
    expect(e.code).toBe('route-disabled')
    expect(e.status).toBe(400)
    expect(e.hint).toContain('CORE_MODEL_OWLV2_ENABLED')
    expect(seen).toEqual(['/openapi.json'])
  })

  it('keeps the server answer when the route is listed', async () => {
    const { ctx } = await routeList(paths('/owlv2/infer'))
    const e = await responseError(ctx, missingKey, { route: '/owlv2/infer' })
    expect(e.code).toBe('auth-missing')
  })

  it('keeps the server answer when the route list cannot be had', async () => {
    const { ctx } = await routeList((res) => {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"detail":"Not Found"}')
    })
    expect(await routeOffered(ctx, '/infer/lmm')).toBeNull()
    const e = await responseError(ctx, missingKey, { route: '/infer/lmm' })
    expect(e.code).toBe('auth-missing')
  })

  it('does not ask on the legacy route itself, nor after answers that prove the route ran', async () => {
    const { ctx, seen } = await routeList(paths())
    expect((await responseError(ctx, missingKey, { route: '/proj/1' })).code).toBe('auth-missing')
    const busy = { status: 503, headers: {}, json: { message: 'Model is temporarily not ready' } }
    expect((await responseError(ctx, busy, { route: '/infer/lmm' })).code).toBe('server-busy')
    const invalid = {
      status: 422,
      headers: {},
      json: { detail: [{ loc: ['body', 'prompt'], msg: 'x' }] },
    }
    expect((await responseError(ctx, invalid, { route: '/infer/lmm' })).code).toBe(
      'request-rejected',
    )
    expect(seen).toEqual([])
  })
})
