import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { RouteContext, RouteResult } from './context'
import { HttpError, internalError, MESSAGES } from './errors'
import { parseMultipart, parseQuery, readBody } from './http-io'
import type { FaultKind } from './options'
import { stringifyPython } from './py-json'
import { matchRoute, type MatchedRoute } from './router'
import type { EmulatorState } from './state'

/** Sockets held open by 'hang' faults, so close() can let go of them at once. */
export class HangTracker {
  private readonly held = new Set<() => void>()

  hold(socket: Socket, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer)
        this.held.delete(release)
        socket.destroy()
        resolve()
      }
      const timer = setTimeout(release, ms)
      socket.once('close', release)
      this.held.add(release)
    })
  }

  releaseAll(): void {
    for (const release of [...this.held]) release()
  }
}

function recordedBody(route: MatchedRoute, req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return undefined
  const contentType = req.headers['content-type'] ?? ''
  if (route.body === 'legacy' && contentType.toLowerCase().includes('multipart/form-data')) {
    const parts = parseMultipart(contentType, raw).map((part) => ({
      name: part.name,
      filename: part.filename,
      contentType: part.contentType,
      size: part.data.length,
    }))
    return { multipart: parts }
  }
  if (route.body === 'legacy') return raw.toString('latin1')
  try {
    return JSON.parse(raw.toString('utf8')) as unknown
  } catch {
    return raw.toString('utf8')
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType: string,
  headers: Record<string, string>,
): void {
  if (res.headersSent || res.destroyed) return
  const payload = Buffer.isBuffer(body)
    ? body
    : Buffer.from(
        typeof body === 'string' && !contentType.includes('json') ? body : stringifyPython(body),
      )
  res.writeHead(status, {
    ...headers,
    'content-type': contentType,
    'content-length': payload.length,
  })
  res.end(payload)
}

/** Handles one HTTP request end to end: route, body, faults, handler, headers (§1.0, §3). */
export async function handleRequest(
  state: EmulatorState,
  hangs: HangTracker,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  state.stats.requests++
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const method = req.method ?? 'GET'
  const base: Record<string, string> = {
    'x-inference-engine': 'inference-models',
    'x-request-id': String(req.headers['x-request-id'] ?? randomUUID().replaceAll('-', '')),
  }
  if (req.headers.origin) base['access-control-allow-origin'] = '*'
  if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
    const allow = {
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': '*',
    }
    return send(res, 200, 'OK', 'text/plain; charset=utf-8', { ...base, ...allow })
  }
  const route = matchRoute(method === 'HEAD' ? 'GET' : method, url.pathname, state.options)
  const query = parseQuery(url.searchParams)
  let raw: Buffer
  try {
    raw = await readBody(req)
  } catch (error) {
    const tooLarge = error instanceof HttpError ? error : internalError()
    return send(res, tooLarge.status, tooLarge.body, tooLarge.contentType, {
      ...base,
      ...tooLarge.headers,
    })
  }
  state.record({
    route: route.name,
    method,
    path: url.pathname,
    headers: { ...req.headers },
    query,
    body: recordedBody(route, req, raw),
  })
  const models: string[] = []
  let coldCount = 0
  const ctx: RouteContext = {
    state,
    req,
    query,
    raw,
    params: route.params,
    useModel(model) {
      models.push(model.modelId)
      if (state.useModel(model)) coldCount++
    },
  }
  const headers = (): Record<string, string> => ({
    ...base,
    'x-model-cold-start': String(coldCount > 0),
    'x-model-cold-start-count': String(coldCount),
    ...(models.length > 0 ? { 'x-model-id': models.join(',') } : {}),
    ...(coldCount > 0
      ? {
          'x-model-load-time': '0.0',
          'x-model-load-details': JSON.stringify(models.map((m) => ({ m, t: 0 }))),
        }
      : {}),
  })
  if (route.inference) state.enterInference()
  try {
    const fault = route.inference ? state.drawFault() : null
    if (fault) return await applyFault(fault, state, hangs, req, res, headers())
    const result: RouteResult = await route.handler(ctx)
    send(
      res,
      result.status ?? 200,
      result.body,
      result.contentType ?? 'application/json',
      headers(),
    )
  } catch (error) {
    const failure = error instanceof HttpError ? error : internalError()
    if (!(error instanceof HttpError)) console.error('[inference emulator] unexpected error', error)
    send(res, failure.status, failure.body, failure.contentType, {
      ...headers(),
      ...failure.headers,
    })
  } finally {
    if (route.inference) state.leaveInference()
  }
}

async function applyFault(
  fault: FaultKind,
  state: EmulatorState,
  hangs: HangTracker,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  switch (fault) {
    case 'error500':
      return send(res, 500, { message: MESSAGES.internal }, 'application/json', headers)
    case 'busy503':
      return send(res, 503, { message: MESSAGES.busy }, 'application/json', {
        ...headers,
        'retry-after': '1',
      })
    case 'hang':
      return hangs.hold(req.socket, state.options.hangMs)
    case 'reset':
      req.socket.resetAndDestroy()
      return
  }
}
