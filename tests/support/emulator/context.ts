import type { IncomingMessage } from 'node:http'
import { HttpError, MESSAGES } from './errors'
import type { EmulatorState, LoadedModel } from './state'
import { isObject } from './validate'

/** What a route handler sees of one request. */
export interface RouteContext {
  state: EmulatorState
  req: IncomingMessage
  query: Record<string, string>
  raw: Buffer
  params: Record<string, string>
  /** Records a model use for the X-Model-* headers (§1.0). */
  useModel(model: LoadedModel): void
}

export interface RouteResult {
  status?: number
  body: unknown
  contentType?: string
}

export type RouteHandler = (ctx: RouteContext) => Promise<RouteResult>

/** Key precedence (§1.0): query param on routes that declare it, then Bearer header, then body. */
export function resolveApiKey(
  ctx: RouteContext,
  body: unknown,
  queryDeclared: boolean,
): string | undefined {
  const fromQuery = queryDeclared ? ctx.query.api_key : undefined
  if (fromQuery) return fromQuery
  const header = ctx.req.headers.authorization
  const bearer = header ? /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() : undefined
  if (bearer) return bearer
  const fromBody = isObject(body) ? body.api_key : undefined
  return typeof fromBody === 'string' && fromBody !== '' ? fromBody : undefined
}

/** 400 when a required key is missing, 401 when it is wrong (§3). */
export function checkApiKey(ctx: RouteContext, body: unknown, queryDeclared: boolean): void {
  const required = ctx.state.options.apiKey
  if (required === null) return
  const key = resolveApiKey(ctx, body, queryDeclared)
  if (key === undefined) throw new HttpError(400, { message: MESSAGES.missingKey })
  if (key !== required) throw new HttpError(401, { message: MESSAGES.unauthorized })
}

/** `countinference=false` needs a service secret the emulator never has (§1.3). */
export function checkCountInference(ctx: RouteContext): void {
  const value = ctx.query.countinference?.trim().toLowerCase()
  if (value && ['false', '0', 'no', 'off', 'f', 'n'].includes(value))
    throw new HttpError(500, { message: 'Service misconfiguration.' })
}
