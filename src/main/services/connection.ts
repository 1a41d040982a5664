import type { ConnectionReport } from '../../shared/profile'
import { isAppError } from '../../shared/errors'
import { buildConnectionReport, type Answer, type Observations } from './connection-report'
import type { InferenceHttp, RequestOptions } from './inference/http-client'
import type { ServerAccess } from './profiles'

export { buildConnectionReport } from './connection-report'
export { readKeyState, readRoutes, readServerInfo } from './connection-readers'

/**
 * A model id no workspace has: the legacy route checks the key before it looks the model up, so the
 * answer tells the key's fate without loading or running any model (inference-api.md §1.3, §3).
 */
export const KEY_CHECK_ROUTE = '/promptlabel-connection-test/1'

export type ConnectionTarget = Pick<
  ServerAccess,
  'baseUrls' | 'apiKey' | 'keyTransport' | 'connectTimeoutMs'
>

/** Base URLs are stored without a trailing slash (profile schema), and may carry a path prefix. */
const joinUrl = (baseUrl: string, route: string): string => `${baseUrl}${route}`

/** Probes must fail fast: at most this long for any answer, whatever the profile allows for inference. */
const MAX_PROBE_MS = 15_000

/**
 * "Test connection": who answers (/info), is it healthy (/healthz), which model routes exist
 * (/openapi.json), and does the key work. Use an http client without retries for quick feedback.
 */
export async function testConnection(
  http: InferenceHttp,
  target: ConnectionTarget,
): Promise<ConnectionReport> {
  const report = buildConnectionReport(await gatherObservations(http, target))
  return target.apiKey === null || target.apiKey.length < 4
    ? report
    : redactKey(report, target.apiKey)
}

export async function gatherObservations(
  http: InferenceHttp,
  target: ConnectionTarget,
): Promise<Observations> {
  const [baseUrl = '', ...others] = target.baseUrls
  const options: RequestOptions = {
    headersTimeoutMs: Math.min(Math.max(target.connectTimeoutMs, 1_000), MAX_PROBE_MS),
  }
  // The key goes as the profile sends it, except 'body', which GET and the legacy route do not read (§1.0).
  if (target.apiKey !== null) {
    const transport = target.keyTransport === 'header' ? 'header' : 'query'
    options.apiKey = { value: target.apiKey, transport }
  }
  const ask = (method: 'GET' | 'POST', url: string): Promise<Answer> =>
    (method === 'GET' ? http.get(url, options) : http.postJson(url, '', options)).then(
      (res) => ({ status: res.status, json: res.json, text: res.text }),
      (error: unknown) => {
        if (isAppError(error)) return { error }
        throw error
      },
    )
  const [info, otherInfos] = await Promise.all([
    ask('GET', joinUrl(baseUrl, '/info')),
    Promise.all(others.map((url) => ask('GET', joinUrl(url, '/info')))),
  ])
  const base: Observations = {
    baseUrl,
    keySent: target.apiKey !== null,
    keyTransport: target.keyTransport,
    info,
    health: null,
    openapi: null,
    keyCheck: null,
    others: others.map((url, i) => {
      const answer = otherInfos[i]
      return { baseUrl: url, error: answer && 'error' in answer ? answer.error.message : null }
    }),
  }
  if ('error' in info) return base
  const [health, openapi, keyCheck] = await Promise.all([
    ask('GET', joinUrl(baseUrl, '/healthz')),
    ask('GET', joinUrl(baseUrl, '/openapi.json')),
    ask('POST', joinUrl(baseUrl, KEY_CHECK_ROUTE)),
  ])
  return { ...base, health, openapi, keyCheck }
}

/** Belt and braces: whatever a server echoes, the key itself never reaches the renderer. */
function redactKey(report: ConnectionReport, key: string): ConnectionReport {
  const hide = (text: string): string => text.split(key).join('***')
  return {
    ...report,
    message: hide(report.message),
    findings: report.findings.map(hide),
    url: hide(report.url),
  }
}
