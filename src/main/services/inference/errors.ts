import { AppError, type ErrorCode } from '../../../shared/errors'
import { unmatchedPhraseRisks, type PromptSettings } from './prompt-quirk'
import { redactText, redactUrl } from './redact'

export interface ResponseContext {
  /** Path of the route called, e.g. `/grounding_dino/infer`. */
  route: string
  /** Model kind or id, for the message. */
  model?: string
  /** The Grounding DINO prompts sent, so a 500 names the prompt quirk only when it could apply. */
  prompts?: PromptSettings
}

const KEY_HINT =
  'Check the API key in Settings: copy it again from your Roboflow workspace settings.'

/** Turns a non-2xx answer from the inference server into a specific, plain AppError (§3). */
export function errorFromResponse(
  status: number,
  body: unknown,
  context: ResponseContext,
): AppError {
  const serverText = serverMessage(body)
  const detail = serverText === '' ? '' : ` The server said: "${serverText}"`
  const make = (code: ErrorCode, message: string, hint?: string): AppError =>
    new AppError(code, message, hint === undefined ? { status } : { status, hint })
  const what = context.model ?? 'the model'

  if (status === 400) {
    if (/api key is missing/i.test(serverText)) {
      return make('auth-missing', 'The server needs a Roboflow API key for this model.', KEY_HINT)
    }
    if (/could not load input image/i.test(serverText)) {
      return make('image-rejected', `The server could not read the uploaded image.${detail}`)
    }
    return make('request-rejected', `The server rejected the request.${detail}`)
  }
  if (status === 401)
    return make('auth-invalid', 'The server did not accept the API key.', KEY_HINT)
  if (status === 402) {
    return make(
      'no-credits',
      'Your Roboflow workspace has run out of credits.',
      'Check the workspace billing page.',
    )
  }
  if (status === 403) {
    return make(
      'auth-scope',
      `The API key is valid but is not allowed to use ${what}.`,
      'Use a key from the workspace that owns the model, with the scopes it needs.',
    )
  }
  if (status === 423) {
    return make(
      'usage-paused',
      'Roboflow API usage is paused for this workspace.',
      'Ask your workspace administrator to re-enable API keys.',
    )
  }
  if (status === 404 && /roboflow resource not found/i.test(serverText)) {
    if (isCoreModelRoute(context.route)) return routeDisabled(status, context.route)
    return make(
      'model-not-found',
      `Roboflow could not find ${what}.`,
      'Check the workspace, project and version in the model id.',
    )
  }
  if (status === 404 || status === 405 || status === 410)
    return routeDisabled(status, context.route)
  if (status === 413) {
    return make(
      'request-rejected',
      'The uploaded image was too large for the server.',
      'Lower "Max upload side" in Settings.',
    )
  }
  if (status === 422) {
    return make(
      'request-rejected',
      `The server rejected the request: ${summariseValidation(body)}.`,
    )
  }
  if (status === 429 || status === 503 || status === 504) {
    return make(
      'server-busy',
      `The server is busy or still loading ${what}.${detail}`,
      'Wait a moment and try again; the first request for a model can take tens of seconds.',
    )
  }
  if (status === 500) {
    return make('server-error', `The server hit an error (HTTP 500).${detail}`, hint500(context))
  }
  if (status === 507) {
    return make(
      'server-error',
      `The server ran out of memory loading ${what}.${detail}`,
      'Free server memory or use a smaller model.',
    )
  }
  if (status >= 500) {
    const reason = status === 502 ? ' It could not get a good answer from the Roboflow API.' : ''
    return make('server-error', `The server hit an error (HTTP ${status}).${reason}${detail}`)
  }
  return make('request-rejected', `The server refused the request (HTTP ${status}).${detail}`)
}

/**
 * What is known about a 500: the server answers it for any exception (§3), passing ones too. The
 * Grounding DINO prompt quirk (§1.4) is named only when the prompts sent could still trigger it.
 */
function hint500(context: ResponseContext): string {
  const risks =
    isGroundingDino(context.route) && context.prompts !== undefined
      ? unmatchedPhraseRisks(context.prompts)
      : []
  if (risks.length === 0) {
    return 'This can be passing trouble (a model reload, GPU memory). If it keeps failing on this image, the server log has the cause.'
  }
  return `Possible cause: Grounding DINO fails an image when a phrase it finds matches none of the prompts, and here ${risks.join('; ')}. Try one-word class names, with the text threshold at or below the box threshold.`
}

/** The route does not exist on this server; names the flag that enables it (§1, §6.11). */
function routeDisabled(status: number, route: string): AppError {
  const flag = /owlv2/i.test(route)
    ? 'CORE_MODEL_OWLV2_ENABLED=True'
    : /lmm/i.test(route)
      ? 'MOONDREAM2_ENABLED=True (or LMM_ENABLED=True)'
      : isGroundingDino(route)
        ? 'CORE_MODEL_GROUNDINGDINO_ENABLED=True'
        : undefined
  return new AppError('route-disabled', `This server does not offer ${route}.`, {
    status,
    hint:
      flag === undefined
        ? 'Check the server address and that the server runs the Roboflow Inference version you expect.'
        : `Start the inference server with ${flag}.`,
  })
}

/** Core-model routes are two-segment paths, so when disabled they fall into the legacy catch-all (§1). */
function isCoreModelRoute(route: string): boolean {
  return /^\/?(owlv2|grounding_dino|yolo_world)\/infer\/?$/i.test(route)
}

function isGroundingDino(route: string): boolean {
  return /grounding_dino/i.test(route)
}

/** The server's own message: `message`, else a string `detail`, else plain text (§3). */
export function serverMessage(body: unknown): string {
  if (typeof body === 'string') return tidyText(body)
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>
    if (typeof record.message === 'string') return tidyText(record.message)
    if (typeof record.detail === 'string') return tidyText(record.detail)
    if (Array.isArray(record.detail)) return summariseValidation(body)
  }
  return ''
}

/** Summarises a FastAPI 422 body by its first error's location and message (§3). */
export function summariseValidation(body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail
  const first: unknown = Array.isArray(detail) ? detail[0] : undefined
  if (first === null || typeof first !== 'object') return serverMessageOrDefault(body)
  const { loc, msg } = first as { loc?: unknown; msg?: unknown }
  const where = Array.isArray(loc) ? loc.filter((p) => p !== 'body').join('.') : ''
  const text = typeof msg === 'string' ? msg : 'invalid value'
  const more = Array.isArray(detail) && detail.length > 1 ? ` (and ${detail.length - 1} more)` : ''
  return tidyText(where === '' ? `${text}${more}` : `${where}: ${text}${more}`)
}

function serverMessageOrDefault(body: unknown): string {
  return typeof body === 'string' && body.trim() !== ''
    ? tidyText(body)
    : 'the request was not valid'
}

/** Strips HTML, collapses whitespace, redacts keys and caps length so a message stays readable. */
function tidyText(text: string): string {
  const plain = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const short = plain.length > 300 ? `${plain.slice(0, 297)}...` : plain
  return redactText(short)
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_CONNECT_TIMEOUT',
])

/** Collects error codes from an error, its causes and AggregateError members. */
export function errorCodes(err: unknown, depth = 0): string[] {
  if (err === null || typeof err !== 'object' || depth > 4) return []
  const e = err as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown }
  const own = [e.code, e.name].filter((v): v is string => typeof v === 'string')
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodes(x, depth + 1)) : []
  return [...own, ...errorCodes(e.cause, depth + 1), ...nested]
}

/** Turns an undici/socket failure into a plain AppError; never echoes the raw undici text. */
export function errorFromNetwork(err: unknown, context: { url: string }): AppError {
  if (err instanceof AppError) return err
  const codes = errorCodes(err)
  const where = originOf(context.url)
  const has = (code: string): boolean => codes.includes(code)
  if (has('AbortError') || has('UND_ERR_ABORTED')) {
    return new AppError('cancelled', 'The request was cancelled.')
  }
  if (has('UND_ERR_HEADERS_TIMEOUT') || has('UND_ERR_BODY_TIMEOUT') || has('TimeoutError')) {
    return new AppError('timeout', `The server at ${where} took too long to answer.`, {
      hint: 'The first request for a model can take tens of seconds; raise the request timeout in Settings or try again.',
    })
  }
  if (has('ENOTFOUND') || has('EAI_AGAIN')) {
    return new AppError(
      'unreachable',
      `Could not find the server ${where}. Check the address in Settings.`,
    )
  }
  const code = codes.find((c) => UNREACHABLE.has(c))
  const lost = code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE'
  return new AppError(
    'unreachable',
    lost
      ? `The connection to the server at ${where} was lost.`
      : `Could not reach the server at ${where}. Is it running?`,
    {
      hint:
        code === undefined ? 'Check the server address in Settings.' : `Network error: ${code}.`,
    },
  )
}

/** The scheme://host:port of a URL, for messages; never the query (which may hold a key). */
export function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return redactUrl(url.split('?')[0] ?? url)
  }
}
