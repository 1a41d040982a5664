import { afterEach, describe, expect, it } from 'vitest'
import {
  buildConnectionReport,
  KEY_CHECK_ROUTE,
  testConnection,
  type ConnectionTarget,
} from '../../../src/main/services/connection'
import { versionAtLeast } from '../../../src/main/services/connection-readers'
import {
  createInferenceHttp,
  type InferenceHttp,
} from '../../../src/main/services/inference/http-client'
import { AppError } from '../../../src/shared/errors'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../support/emulator'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** The composition root's probe client: no retries, so Test connection answers fast. */
function probeHttp(): InferenceHttp {
  const http = createInferenceHttp({
    timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 },
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  })
  cleanups.push(() => http.close())
  return http
}

async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const started = await startEmulator(options)
  cleanups.push(() => started.close())
  return started
}

const target = (baseUrl: string, extra: Partial<ConnectionTarget> = {}): ConnectionTarget => ({
  baseUrls: [baseUrl],
  apiKey: null,
  keyTransport: 'query',
  connectTimeoutMs: 5_000,
  ...extra,
})

describe('testConnection against the emulator', () => {
  it('names the server, reports it healthy and lists every model route as available', async () => {
    const server = await emulator()
    const report = await testConnection(probeHttp(), target(server.url))
    expect(report).toMatchObject({
      reachable: true,
      serverName: 'Roboflow Inference Server',
      version: '1.5.0',
      healthy: true,
      key: 'not-required',
      routes: {
        groundingDino: 'available',
        owlv2: 'available',
        moondream2: 'available',
        hostedModels: 'available',
      },
    })
    expect(report.message).toBe(`Connected to Roboflow Inference Server 1.5.0 at ${server.url}.`)
    expect(report.findings).toContain('This server answers without an API key.')
    // The key check never reaches a model: nothing was loaded or run.
    expect(server.stats.inferences).toBe(0)
    expect(server.stats.byRoute['/{dataset_id}/{version_id}']).toBe(1)
  })

  it('says which routes are disabled and how to enable them', async () => {
    const server = await emulator({ owlv2Enabled: false, lmmEnabled: false })
    const report = await testConnection(probeHttp(), target(server.url))
    expect(report.routes).toEqual({
      groundingDino: 'available',
      owlv2: 'disabled',
      moondream2: 'disabled',
      hostedModels: 'available',
    })
    expect(report.findings).toContain(
      'OwlV2 is not enabled on this server (start it with CORE_MODEL_OWLV2_ENABLED=true, as the official Docker images do).',
    )
    expect(report.findings.join(' ')).toMatch(/Moondream2 is not enabled.*MOONDREAM2_ENABLED=true/)
  })

  it('tells a rejected key from a missing one and an accepted one, never echoing the key', async () => {
    const server = await emulator({ apiKey: 'the-right-key' })
    const http = probeHttp()
    const wrong = await testConnection(http, target(server.url, { apiKey: 'rf_WRONG_KEY' }))
    expect(wrong).toMatchObject({ reachable: true, key: 'rejected' })
    expect(wrong.message).toMatch(/API key was rejected/)
    expect(JSON.stringify(wrong)).not.toContain('rf_WRONG_KEY')

    const missing = await testConnection(http, target(server.url))
    expect(missing).toMatchObject({ key: 'missing' })
    expect(missing.message).toMatch(/needs an API key/)

    for (const keyTransport of ['query', 'header', 'body'] as const) {
      const right = await testConnection(
        http,
        target(server.url, { apiKey: 'the-right-key', keyTransport }),
      )
      expect(right.key).toBe('accepted')
      expect(JSON.stringify(right)).not.toContain('the-right-key')
    }
    expect(server.stats.inferences).toBe(0)
  })

  it('reports an unreachable port quickly, with a plain message and no retries', async () => {
    const server = await emulator()
    const closedUrl = server.url
    await server.close()
    const started = performance.now()
    const report = await testConnection(probeHttp(), target(closedUrl, { apiKey: 'rf_secret' }))
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(report).toMatchObject({ reachable: false, serverName: null, key: 'unknown' })
    expect(report.message).toBe(`Could not reach the server at ${closedUrl}. Is it running?`)
  })

  it('checks every server of a multi-server profile and names the one that did not answer', async () => {
    const [a, b] = [await emulator(), await emulator()]
    const down = b.url
    await b.close()
    const report = await testConnection(probeHttp(), { ...target(a.url), baseUrls: [a.url, down] })
    expect(report.reachable).toBe(true)
    expect(report.findings.at(-1)).toBe(
      `${down} did not answer: Could not reach the server at ${down}. Is it running?`,
    )
  })
})

describe('buildConnectionReport', () => {
  const base = {
    baseUrl: 'https://serverless.example',
    keySent: true,
    keyTransport: 'query' as const,
    info: { status: 200, json: { name: 'Roboflow Inference Server', version: '1.4.0' } },
    health: { status: 200, json: { status: 'healthy' } },
    openapi: { status: 404, json: { detail: 'Not Found' } },
    keyCheck: { status: 404, json: { message: 'Requested Roboflow resource not found.' } },
    others: [],
  }

  it('marks every route unknown when the server publishes no OpenAPI document', () => {
    const report = buildConnectionReport(base)
    expect(Object.values(report.routes)).toEqual(['unknown', 'unknown', 'unknown', 'unknown'])
    expect(report.findings.join(' ')).toMatch(/does not publish its route list/)
  })

  it('explains a header-sent key that an older server ignored', () => {
    const report = buildConnectionReport({
      ...base,
      keyTransport: 'header',
      keyCheck: { status: 400, json: { message: 'Required Roboflow API key is missing.' } },
    })
    expect(report.key).toBe('missing')
    expect(report.findings[0]).toMatch(
      /Authorization header, which needs server 1.5 or newer \(this one is 1.4.0\)/,
    )
  })

  it('reports an unhealthy server with its reason, and a key it could not judge', () => {
    const report = buildConnectionReport({
      ...base,
      health: { status: 503, json: { status: 'unhealthy', reason: 'cuda_error' } },
      keyCheck: { error: new AppError('timeout', 'The server took too long to answer.') },
    })
    expect(report.healthy).toBe(false)
    expect(report.key).toBe('unknown')
    expect(report.message).toMatch(/not healthy/)
    expect(report.findings[0]).toMatch(/not healthy \(cuda_error\)/)
    expect(report.findings[1]).toBe(
      'Could not check the API key: The server took too long to answer.',
    )
  })

  it('treats a hosted 401 with no key sent as a missing key', () => {
    const report = buildConnectionReport({
      ...base,
      keySent: false,
      info: { status: 401, json: { status: 401, message: 'Unauthorized api_key' } },
      keyCheck: { status: 401, json: { status: 401, message: 'Unauthorized api_key' } },
    })
    expect(report.key).toBe('missing')
    expect(report.message).toBe(
      'The server at https://serverless.example answered, but needs an API key.',
    )
  })

  it('compares versions number by number', () => {
    expect(versionAtLeast('1.10.0', '1.5.0')).toBe(true)
    expect(versionAtLeast('1.4.9', '1.5.0')).toBe(false)
    expect(versionAtLeast('1.5.0', '1.5.0')).toBe(true)
  })

  it('probes a two-segment path, so the legacy route answers it', () => {
    expect(KEY_CHECK_ROUTE.split('/').filter(Boolean)).toHaveLength(2)
  })
})
