import { AppError } from '../../../shared/errors'
import type { PreparedUpload } from '../images'
import { errorFromResponse, type ResponseContext } from '../inference/errors'
import type {
  HttpResponse,
  KeyTransport,
  RequestOptions,
  RetryInfo,
} from '../inference/http-client'
import { redactUrl } from '../inference/redact'
import type { DetectorContext } from './context'

/** The plain status line shown while a retry waits, e.g. "Server busy, retrying in 1 s (2/3)". */
export function describeRetry(info: RetryInfo): string {
  const when = info.delayMs < 500 ? 'now' : `in ${Math.round(info.delayMs / 1000)} s`
  const why =
    info.status === undefined
      ? 'Connection problem'
      : info.status === 500
        ? 'Server error'
        : 'Server busy'
  return `${why}, retrying ${when} (${info.attempt}/${info.maxAttempts})`
}

/** Joins a base URL (which may carry a path prefix) with a route path. */
export function joinUrl(baseUrl: string, route: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${route.replace(/^\/+/, '')}`
}

/** Cancellation, retry reporting, timeout, and the key in the query or a Bearer header (§1.0). */
export function requestOptions(ctx: DetectorContext, transport: KeyTransport): RequestOptions {
  const options: RequestOptions = {
    signal: ctx.signal,
    onRetry: (info) => ctx.status('retrying', describeRetry(info), info.attempt),
  }
  const key = ctx.server.apiKey
  if (key !== null && transport !== 'body') options.apiKey = { value: key, transport }
  if (ctx.server.requestTimeoutMs !== undefined) {
    options.headersTimeoutMs = ctx.server.requestTimeoutMs
  }
  return options
}

export function isOk(res: HttpResponse): boolean {
  return res.status >= 200 && res.status < 300
}

/** POSTs a JSON body to a core-model route with the profile's key transport; the answer's JSON or a mapped error. */
export async function postJsonOk(
  ctx: DetectorContext,
  route: string,
  body: unknown,
  model: string,
  extra: Omit<ResponseContext, 'route' | 'model'> = {},
): Promise<unknown> {
  const url = joinUrl(ctx.server.baseUrl, route)
  const res = await ctx.http.postJson(url, body, requestOptions(ctx, ctx.server.keyTransport))
  if (!isOk(res)) throw await responseError(ctx, res, { route, model, ...extra })
  return res.json
}

/** Core-model routes: when disabled they fall into the legacy catch-all and fail oddly (§1, §6.11). */
const CORE_ROUTES = /^\/(grounding_dino\/infer|owlv2\/infer|infer\/lmm)$/

/** Answers that prove the route ran (validation, busy), so probing for it would be pointless. */
const ROUTE_RAN = new Set([422, 429, 503, 504])

/**
 * Maps a failed answer to an AppError (§3). A core-model route that is switched off answers from the
 * legacy catch-all (404, 400 "key missing" when the key was in the body, ...), so on those routes the
 * server's route list decides whether the real cause is a disabled route (§6.11).
 */
export async function responseError(
  ctx: DetectorContext,
  res: HttpResponse,
  context: ResponseContext,
): Promise<AppError> {
  const error = errorFromResponse(res.status, res.json ?? res.text, context)
  if (error.code === 'route-disabled' || ROUTE_RAN.has(res.status)) return error
  if (!CORE_ROUTES.test(context.route)) return error
  if ((await routeOffered(ctx, context.route)) !== false) return error
  const disabled = errorFromResponse(404, { detail: 'Not Found' }, context)
  return new AppError('route-disabled', disabled.message, {
    status: res.status,
    ...(disabled.hint === undefined ? {} : { hint: disabled.hint }),
  })
}

/** Whether GET /openapi.json lists the route: true, false, or null when the server would not say (§6.11). */
export async function routeOffered(ctx: DetectorContext, route: string): Promise<boolean | null> {
  const url = joinUrl(ctx.server.baseUrl, '/openapi.json')
  try {
    const res = await ctx.http.get(url, { signal: ctx.signal, headersTimeoutMs: 15_000 })
    const paths = (res.json as { paths?: unknown } | undefined)?.paths
    if (res.status !== 200 || paths === null || typeof paths !== 'object') return null
    return Object.hasOwn(paths, route)
  } catch (err) {
    ctx.logger?.warn('could not read the route list', { url: redactUrl(url), error: String(err) })
    return null
  }
}

/** Logs when the server decoded another size than was uploaded; our own size is trusted (§2.2). */
export function noteServerSize(
  ctx: DetectorContext,
  route: string,
  upload: PreparedUpload,
  server: { width: number; height: number },
): void {
  if (server.width === upload.width && server.height === upload.height) return
  ctx.logger?.warn('server decoded a different image size than was uploaded; using our own', {
    requestId: ctx.requestId,
    url: redactUrl(joinUrl(ctx.server.baseUrl, route)),
    uploaded: { width: upload.width, height: upload.height },
    server,
  })
}
