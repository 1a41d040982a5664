import { Agent, type Dispatcher } from 'undici'
import { AppError } from '../../../shared/errors'
import { errorCodes, errorFromNetwork } from './errors'

export interface HttpTimeouts {
  connectMs: number
  /** Time to the response headers: covers the server's whole inference time (§6.9). */
  headersMs: number
  /** Longest pause between chunks of the response body. */
  bodyMs: number
}

export interface RetryPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface RetryInfo {
  /** The attempt about to be made (2 for the first retry). */
  attempt: number
  maxAttempts: number
  delayMs: number
  /** `HTTP 503` or a network error code such as `ECONNREFUSED`. */
  reason: string
  status?: number
}

export type KeyTransport = 'query' | 'body' | 'header'

export interface RequestOptions {
  signal?: AbortSignal
  headers?: Record<string, string>
  /** Puts the key in `?api_key=` or `Authorization: Bearer` (§1.0); 'body' is left to the request builder. */
  apiKey?: { value: string; transport: KeyTransport }
  headersTimeoutMs?: number
  onRetry?: (info: RetryInfo) => void
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  json?: unknown
  text?: string
  bytes?: Buffer
}

export interface InferenceHttp {
  postJson(url: string, body: unknown, options?: RequestOptions): Promise<HttpResponse>
  /** POSTs text as it is (the legacy route's raw base64 body, §1.3); `null` sends no body at all. */
  postText(
    url: string,
    text: string | null,
    contentType: string,
    options?: RequestOptions,
  ): Promise<HttpResponse>
  get(url: string, options?: RequestOptions): Promise<HttpResponse>
  close(): Promise<void>
}

export interface InferenceHttpOptions {
  timeouts: HttpTimeouts
  retry: RetryPolicy
  onRetry?: (info: RetryInfo) => void
  /** Defaults to a keep-alive undici Agent (one pool per origin). */
  dispatcher?: Dispatcher
  /** Jitter source, injectable for tests. */
  random?: () => number
}

/** Statuses the SDK retries: rate limit, model not ready / lock busy, gateway timeout (§4, §6.9). */
const RETRY_STATUSES = new Set([429, 503, 504])

/**
 * The server answers 500 for any exception, passing ones too (a model reload, GPU memory: §3,
 * §6.9), so one 500 per request is retried; a second 500 is the answer.
 */
const SERVER_ERROR = 500

/** Connection-level failures, where the request never produced an answer (§4: the SDK retries these). */
const RETRY_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
])

/**
 * One undici client for every inference call: keep-alive pools, timeouts, cancellation, and retry of
 * 429/503/504, connection errors and a first 500 only. Header/body timeouts are not retried: the server
 * accepted the work and may still be running it behind the model lock (§6.13), so a resend would
 * queue a duplicate.
 */
export function createInferenceHttp(options: InferenceHttpOptions): InferenceHttp {
  const owned = options.dispatcher === undefined
  const dispatcher =
    options.dispatcher ??
    new Agent({
      connect: { timeout: options.timeouts.connectMs },
      keepAliveTimeout: 10_000,
      headersTimeout: options.timeouts.headersMs,
      bodyTimeout: options.timeouts.bodyMs,
    })
  const random = options.random ?? Math.random
  let closing: Promise<void> | undefined

  async function send(
    method: 'GET' | 'POST',
    url: string,
    body: { text: string; type: string } | undefined,
    opts: RequestOptions,
  ): Promise<HttpResponse> {
    const { signal } = opts
    const target =
      opts.apiKey?.transport === 'query' ? withApiKeyQuery(url, opts.apiKey.value) : url
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers }
    if (body !== undefined) headers['content-type'] = body.type
    if (opts.apiKey?.transport === 'header') headers.authorization = `Bearer ${opts.apiKey.value}`
    const { maxAttempts } = options.retry
    let seen500 = false
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw cancelled()
      let reason: string
      let status: number | undefined
      let retryAfter: string | undefined
      try {
        const res = await once(dispatcher, method, target, headers, body?.text, signal, {
          headersMs: opts.headersTimeoutMs ?? options.timeouts.headersMs,
          bodyMs: options.timeouts.bodyMs,
        })
        const first500 = res.status === SERVER_ERROR && !seen500
        if (!(RETRY_STATUSES.has(res.status) || first500) || attempt >= maxAttempts) return res
        if (first500) seen500 = true
        reason = `HTTP ${res.status}`
        status = res.status
        retryAfter = res.headers['retry-after']
      } catch (err) {
        if (signal?.aborted) throw cancelled()
        const code = errorCodes(err).find((c) => RETRY_CODES.has(c))
        if (code === undefined || attempt >= maxAttempts) throw errorFromNetwork(err, { url })
        reason = code
      }
      const delayMs = retryDelayMs(attempt + 1, options.retry, retryAfter, random)
      const info: RetryInfo = { attempt: attempt + 1, maxAttempts, delayMs, reason }
      if (status !== undefined) info.status = status
      options.onRetry?.(info)
      opts.onRetry?.(info)
      await sleep(delayMs, signal)
    }
  }

  return {
    postJson: (url, body, opts = {}) =>
      send('POST', url, { text: JSON.stringify(body), type: 'application/json' }, opts),
    postText: (url, text, type, opts = {}) =>
      send('POST', url, text === null ? undefined : { text, type }, opts),
    get: (url, opts = {}) => send('GET', url, undefined, opts),
    close: () => {
      closing ??= owned ? dispatcher.close() : Promise.resolve()
      return closing
    },
  }
}

async function once(
  dispatcher: Dispatcher,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  signal: AbortSignal | undefined,
  timeouts: { headersMs: number; bodyMs: number },
): Promise<HttpResponse> {
  const u = new URL(url)
  const res = await dispatcher.request({
    origin: u.origin,
    path: `${u.pathname}${u.search}`,
    method,
    headers,
    body: body ?? null,
    signal: signal ?? null,
    headersTimeout: timeouts.headersMs,
    bodyTimeout: timeouts.bodyMs,
  })
  const bytes = Buffer.from(await res.body.arrayBuffer())
  return readResponse(res.statusCode, flattenHeaders(res.headers), bytes)
}

/** Decodes a body by content type: JSON when it parses, text for text, raw bytes otherwise (e.g. image/jpeg). */
export function readResponse(
  status: number,
  headers: Record<string, string>,
  bytes: Buffer,
): HttpResponse {
  const type = headers['content-type'] ?? ''
  if (type !== '' && !/json|text|html|xml/i.test(type)) return { status, headers, bytes }
  const text = bytes.toString('utf8')
  try {
    return { status, headers, text, json: JSON.parse(text) as unknown }
  } catch {
    return { status, headers, text }
  }
}

function flattenHeaders(
  raw: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}

/** Adds `api_key` as a query parameter, the transport every server version accepts (§1.0). */
export function withApiKeyQuery(url: string, apiKey: string): string {
  const u = new URL(url)
  u.searchParams.set('api_key', apiKey)
  return u.toString()
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds; undefined when absent or invalid. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Delay before `attempt`: Retry-After capped at maxDelayMs, else exponential backoff with equal jitter. */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfter: string | undefined,
  random: () => number = Math.random,
): number {
  const hinted = parseRetryAfter(retryAfter)
  if (hinted !== undefined) return Math.min(hinted, policy.maxDelayMs)
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 2))
  return Math.round(exp / 2 + random() * (exp / 2))
}

function cancelled(): AppError {
  return new AppError('cancelled', 'The request was cancelled.')
}

/** Waits, but rejects with 'cancelled' the moment the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled())
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(cancelled())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
