import type { AppError } from '../../shared/errors'
import type { ConnectionReport, KeyState, RouteState } from '../../shared/profile'
import type { KeyTransport } from './inference/http-client'
import { serverMessage } from './inference/errors'

/** One probe's outcome: the server's answer, or why there was none. */
export type Answer = { status: number; json?: unknown; text?: string } | { error: AppError }

/** Everything "Test connection" saw, gathered first so the report is computed without I/O. */
export interface Observations {
  baseUrl: string
  keySent: boolean
  keyTransport: KeyTransport
  info: Answer
  health: Answer | null
  openapi: Answer | null
  keyCheck: Answer | null
  /** The profile's other servers, with the message of their failure (null when /info answered). */
  others: { baseUrl: string; error: string | null }[]
}

export type Routes = ConnectionReport['routes']

export const answered = (
  a: Answer | null,
): a is { status: number; json?: unknown; text?: string } => a !== null && !('error' in a)

export const record = (json: unknown): Record<string, unknown> | null =>
  typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : null

/** Reads a `/info` body (Mode F `{name, version, uuid}`, inference-api.md §1.1). */
export function readServerInfo(json: unknown): { name: string | null; version: string | null } {
  const r = record(json)
  return {
    name: typeof r?.['name'] === 'string' ? r['name'] : null,
    version: typeof r?.['version'] === 'string' ? r['version'] : null,
  }
}

/** Which model routes the server registered, from its OpenAPI paths; unknown when it publishes none (§6.11). */
export function readRoutes(openapi: Answer | null): Routes {
  const paths =
    answered(openapi) && openapi.status === 200 ? record(record(openapi.json)?.['paths']) : null
  if (paths === null) {
    return {
      groundingDino: 'unknown',
      owlv2: 'unknown',
      moondream2: 'unknown',
      hostedModels: 'unknown',
    }
  }
  const names = Object.keys(paths)
  const state = (test: (path: string) => boolean): RouteState =>
    names.some(test) ? 'available' : 'disabled'
  return {
    groundingDino: state((p) => p === '/grounding_dino/infer'),
    owlv2: state((p) => p === '/owlv2/infer'),
    moondream2: state((p) => p === '/infer/lmm' || p.startsWith('/infer/lmm/')),
    hostedModels: state((p) => /^\/\{[^/{}]+\}\/\{[^/{}]+\}$/.test(p)),
  }
}

/**
 * Reads the key check: a model id no workspace has, on the legacy route, which checks the key before
 * looking the model up (400 missing, 401 wrong; then 404 for the unknown model: §3).
 */
export function readKeyState(check: Answer | null, keySent: boolean): KeyState {
  if (!answered(check)) return 'unknown'
  const { status } = check
  if (status === 400 && /api key is missing/i.test(serverMessage(check.json ?? check.text)))
    return 'missing'
  if (status === 401) return keySent ? 'rejected' : 'missing'
  if (status === 404 || status === 402 || status === 423 || (status >= 200 && status < 300)) {
    return keySent ? 'accepted' : 'not-required'
  }
  return 'unknown'
}

/** Compares dotted versions numerically: "1.10.0" is newer than "1.5.0". */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) => v.split(/[.+-]/).map((n) => Number.parseInt(n, 10) || 0)
  const [a, b] = [parts(version), parts(minimum)]
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0)
  }
  return true
}
