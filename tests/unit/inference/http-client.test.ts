import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createInferenceHttp,
  parseRetryAfter,
  retryDelayMs,
  type InferenceHttp,
  type InferenceHttpOptions,
  type RetryInfo,
} from '../../../src/main/services/inference/http-client'
import { AppError } from '../../../src/shared/errors'

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

interface TestServer {
  url: string
  requests: { url: string; headers: IncomingMessage['headers']; body: string }[]
  connections: number
  close(): Promise<void>
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

/** Starts a throwaway server on 127.0.0.1:0 that answers the n-th request with handlers[n] (the last repeats). */
async function serve(handlers: Handler[]): Promise<TestServer> {
  const state: TestServer = { url: '', requests: [], connections: 0, close: async () => {} }
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      const n = state.requests.length
      state.requests.push({ url: req.url ?? '', headers: req.headers, body })
      const handler = handlers[Math.min(n, handlers.length - 1)] as Handler
      handler(req, res, body)
    })
  })
  server.on('connection', () => state.connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    })
  cleanups.push(state.close)
  return state
}

function client(
  overrides: Partial<InferenceHttpOptions> = {},
): InferenceHttp & { retries: RetryInfo[] } {
  const retries: RetryInfo[] = []
  const http = createInferenceHttp({
    timeouts: { connectMs: 1000, headersMs: 2000, bodyMs: 2000 },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
    onRetry: (info) => retries.push(info),
    random: () => 0.5,
    ...overrides,
  })
  cleanups.push(() => http.close())
  return Object.assign(http, { retries })
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

const hang: Handler = () => {}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a rejection')
}

describe('createInferenceHttp', () => {
  it('posts JSON and parses a JSON answer', async () => {
    const s = await serve([json(200, { ok: true })])
    const res = await client().postJson(`${s.url}/grounding_dino/infer`, { text: ['dog'] })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({ ok: true })
    expect(s.requests[0]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(s.requests[0]?.body ?? '')).toEqual({ text: ['dog'] })
  })

  it('retries a 503 after the Retry-After delay and returns the success', async () => {
    const s = await serve([
      json(503, { message: 'Model is temporarily not ready' }, { 'retry-after': '0' }),
      json(200, { ok: 1 }),
    ])
    const http = client()
    const res = await http.postJson(`${s.url}/x`, {})
    expect(res.status).toBe(200)
    expect(s.requests).toHaveLength(2)
    expect(http.retries).toEqual([
      { attempt: 2, maxAttempts: 3, delayMs: 0, reason: 'HTTP 503', status: 503 },
    ])
  })

  it('caps a long Retry-After at maxDelayMs', async () => {
    const s = await serve([json(429, {}, { 'retry-after': '30' }), json(200, {})])
    const http = client()
    await http.get(`${s.url}/info`)
    // The wait actually used, not the server's 30 s (the test would time out waiting that long).
    expect(http.retries[0]?.delayMs).toBe(100)
  })

  it('gives up after maxAttempts and hands back the last busy answer', async () => {
    const s = await serve([
      json(504, { message: 'Timeout when attempting to connect to Roboflow API.' }),
    ])
    const http = client()
    const res = await http.postJson(`${s.url}/x`, {})
    expect(res.status).toBe(504)
    expect(s.requests).toHaveLength(3)
    // backoff without Retry-After: 10 then 20 ms, with jitter at 0.5 -> 7.5 and 15
    expect(http.retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [2, 8],
      [3, 15],
    ])
  })

  it('retries a 500 once, with the usual backoff, and returns the success', async () => {
    const s = await serve([json(500, { message: 'Internal error.' }), json(200, { ok: 1 })])
    const http = client()
    const res = await http.postJson(`${s.url}/x`, {})
    expect(res.status).toBe(200)
    expect(s.requests).toHaveLength(2)
    // The first backoff step: base 10 ms, jitter 0.5 -> 7.5 rounded to 8 (as for a 504 below).
    expect(http.retries).toEqual([
      { attempt: 2, maxAttempts: 3, delayMs: 8, reason: 'HTTP 500', status: 500 },
    ])
  })

  it('takes a 500 that repeats as the answer, though attempts are left', async () => {
    const s = await serve([json(500, { message: 'Internal error.' })])
    const http = client()
    const res = await http.postJson(`${s.url}/x`, {})
    expect(res).toMatchObject({ status: 500, json: { message: 'Internal error.' } })
    // Two requests, not maxAttempts (3): a second 500 is final.
    expect(s.requests).toHaveLength(2)
  })

  it('retries only one 500 per request, even with a busy answer in between', async () => {
    const s = await serve([
      json(500, { message: 'Internal error.' }),
      json(503, {}, { 'retry-after': '0' }),
      json(500, { message: 'Internal error.' }),
      json(200, {}),
    ])
    const res = await client({
      retry: { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 100 },
    }).postJson(`${s.url}/x`, {})
    expect(res.status).toBe(500)
    expect(s.requests).toHaveLength(3)
  })

  it('does not retry a 500 when the policy allows a single attempt (the connection probes)', async () => {
    const s = await serve([json(500, { message: 'Internal error.' })])
    const res = await client({ retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }).get(
      `${s.url}/info`,
    )
    expect(res.status).toBe(500)
    expect(s.requests).toHaveLength(1)
  })

  it('does not retry other errors such as 502 or 400', async () => {
    for (const status of [502, 400]) {
      const s = await serve([json(status, { message: 'no' })])
      expect((await client().postJson(`${s.url}/x`, {})).status).toBe(status)
      expect(s.requests).toHaveLength(1)
    }
  })

  it('retries a reset connection, then succeeds', async () => {
    const s = await serve([(req) => req.socket.destroy(), json(200, { ok: 1 })])
    const http = client()
    const res = await http.postJson(`${s.url}/x`, {})
    expect(res.status).toBe(200)
    expect(http.retries[0]?.reason).toMatch(/ECONNRESET|UND_ERR_SOCKET/)
  })

  it('retries a refused connection, then reports the server unreachable without the key', async () => {
    const s = await serve([json(200, {})])
    await s.close()
    const http = client()
    const e = await caught(
      http.postJson(`${s.url}/x`, {}, { apiKey: { value: 'SECRET', transport: 'query' } }),
    )
    expect(e.code).toBe('unreachable')
    expect(e.message).toBe(`Could not reach the server at ${s.url}. Is it running?`)
    expect(JSON.stringify({ ...e.toData(), stack: e.stack })).not.toContain('SECRET')
    expect(http.retries.map((r) => r.reason)).toEqual(['ECONNREFUSED', 'ECONNREFUSED'])
  })

  it('times out a server that never sends headers, and does not resend the work', async () => {
    const s = await serve([hang])
    const http = client({ timeouts: { connectMs: 1000, headersMs: 150, bodyMs: 1000 } })
    const e = await caught(http.postJson(`${s.url}/x`, {}))
    expect(e.code).toBe('timeout')
    expect(s.requests).toHaveLength(1)
  })

  it('lets one call raise the headers timeout', async () => {
    const s = await serve([(_req, res) => setTimeout(() => json(200, {})(_req, res, ''), 300)])
    const http = client({ timeouts: { connectMs: 1000, headersMs: 100, bodyMs: 1000 } })
    expect((await http.get(`${s.url}/x`, { headersTimeoutMs: 2000 })).status).toBe(200)
  })

  it('times out a body that stalls', async () => {
    const s = await serve([
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write('{"predictions":')
      },
    ])
    const http = client({ timeouts: { connectMs: 1000, headersMs: 1000, bodyMs: 150 } })
    expect((await caught(http.get(`${s.url}/x`))).code).toBe('timeout')
  })

  it('cancels an in-flight request at once', async () => {
    const s = await serve([hang])
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    // The server never answers: only the abort can end this call.
    const e = await caught(client().postJson(`${s.url}/x`, {}, { signal: controller.signal }))
    expect(e.code).toBe('cancelled')
  })

  it('cancels during the backoff sleep without another attempt', async () => {
    const s = await serve([json(503, {}, { 'retry-after': '10' })])
    const http = client({ retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 10_000 } })
    const controller = new AbortController()
    const p = http.postJson(
      `${s.url}/x`,
      {},
      {
        signal: controller.signal,
        onRetry: () => setTimeout(() => controller.abort(), 20),
      },
    )
    // The backoff asked for is 10 s; the abort ends it, and no second attempt is made.
    const e = await caught(p)
    expect(e.code).toBe('cancelled')
    expect(s.requests).toHaveLength(1)
  })

  it('refuses to start when the signal is already aborted', async () => {
    const s = await serve([json(200, {})])
    const e = await caught(client().get(`${s.url}/x`, { signal: AbortSignal.abort() }))
    expect(e.code).toBe('cancelled')
    expect(s.requests).toHaveLength(0)
  })

  it('sends the key as ?api_key= or as a Bearer header', async () => {
    const s = await serve([json(200, {})])
    const http = client()
    await http.postJson(
      `${s.url}/grounding_dino/infer`,
      {},
      { apiKey: { value: 'K1', transport: 'query' } },
    )
    await http.postJson(
      `${s.url}/grounding_dino/infer`,
      {},
      { apiKey: { value: 'K2', transport: 'header' } },
    )
    expect(s.requests[0]?.url).toBe('/grounding_dino/infer?api_key=K1')
    expect(s.requests[1]?.url).toBe('/grounding_dino/infer')
    expect(s.requests[1]?.headers.authorization).toBe('Bearer K2')
  })

  it('posts text as it is, with its content type, and retries it like JSON', async () => {
    const s = await serve([json(503, {}, { 'retry-after': '0' }), json(200, { ok: true })])
    const http = client()
    const base64 = 'ab+/cd=='
    const res = await http.postText(
      `${s.url}/proj/1?format=json`,
      base64,
      'application/x-www-form-urlencoded',
      { apiKey: { value: 'K', transport: 'query' } },
    )
    expect(res.json).toEqual({ ok: true })
    expect(s.requests).toHaveLength(2)
    for (const req of s.requests) {
      // the legacy route reads the raw body as base64: no form encoding of '+', '/' or '=' (§1.3)
      expect(req.body).toBe(base64)
      expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded')
      expect(req.url).toBe('/proj/1?format=json&api_key=K')
    }
  })

  it('posts no body and no content type when the text is null', async () => {
    const s = await serve([json(200, {})])
    await client().postText(
      `${s.url}/proj/1?image=https%3A%2F%2Fa.example.com%2Fx.jpg`,
      null,
      'text/plain',
    )
    expect(s.requests[0]?.body).toBe('')
    expect(s.requests[0]?.headers['content-type']).toBeUndefined()
    expect(s.requests[0]?.headers['content-length'] ?? '0').toBe('0')
  })

  it('returns plain text and binary bodies as text and bytes', async () => {
    const s = await serve([
      (_req, res) => {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        res.end('Not Found')
      },
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/jpeg' })
        res.end(Buffer.from([0xff, 0xd8, 0xff]))
      },
    ])
    const http = client()
    const text = await http.get(`${s.url}/a`)
    expect(text).toMatchObject({ status: 404, text: 'Not Found' })
    expect(text.json).toBeUndefined()
    const bin = await http.get(`${s.url}/b`)
    expect(bin.bytes).toEqual(Buffer.from([0xff, 0xd8, 0xff]))
  })

  it('keeps connections alive: six calls in a row reuse a small pool of sockets', async () => {
    const s = await serve([json(200, {})])
    const http = client()
    for (let i = 0; i < 6; i++) await http.get(`${s.url}/${i}`)
    // undici's per-origin pool may open a second socket while the first is released, never one per call
    expect(s.connections).toBeLessThanOrEqual(2)
  })
})

describe('retry timing', () => {
  const policy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 8000 }

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('1')).toBe(1000)
    expect(parseRetryAfter('0.5')).toBe(500)
    expect(
      parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', Date.parse('2026-01-01T00:00:00Z')),
    ).toBe(3000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
  })

  it('doubles the backoff each attempt, jittered into the upper half, up to the cap', () => {
    // attempt 2: 1000 -> 500..1000; attempt 3: 2000 -> 1000..2000; attempt 6: 16000 capped at 8000
    expect(retryDelayMs(2, policy, undefined, () => 0)).toBe(500)
    expect(retryDelayMs(2, policy, undefined, () => 1)).toBe(1000)
    expect(retryDelayMs(3, policy, undefined, () => 0)).toBe(1000)
    expect(retryDelayMs(6, policy, undefined, () => 1)).toBe(8000)
  })

  it('prefers Retry-After, capped', () => {
    expect(retryDelayMs(2, policy, '1', () => 0)).toBe(1000)
    expect(retryDelayMs(2, policy, '60', () => 0)).toBe(8000)
  })
})
