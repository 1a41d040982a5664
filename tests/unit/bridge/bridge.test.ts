import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridge, type Bridge } from '../../../src/bridge/server'
import { createServices } from '../../../src/main/services'
import { createSilentLogger } from '../../../src/main/services/platform'
import { createMemorySecretStore } from '../../../src/main/services/secrets/secret-store'
import { BRIDGE_TOKEN_HEADER } from '../../../src/shared/bridge-api'

let bridge: Bridge
let root: string

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'promptlabel-bridge-'))
  await mkdir(join(root, 'renderer'))
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>app</title>')
  await writeFile(join(root, 'secret.txt'), 'outside the renderer folder')
  bridge = await startBridge({
    rendererDir: join(root, 'renderer'),
    createServices: (imageUrl) =>
      createServices({
        transport: 'bridge',
        appVersion: 'test',
        dataDir: join(root, 'data'),
        secretStore: createMemorySecretStore(),
        imageUrl,
        pickImages: async () => [],
        logger: createSilentLogger(),
      }),
  })
})

afterAll(() => bridge.close())

const invoke = (
  body: unknown,
  headers: Record<string, string> = { [BRIDGE_TOKEN_HEADER]: bridge.token },
) =>
  fetch(`${bridge.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

/** Raw request with a chosen Host header (fetch will not let a caller forge one). */
function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${bridge.url}${path}`, { headers: { host } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('loopback bridge', () => {
  it('listens on 127.0.0.1 only and prints a launch URL with the token in the fragment', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(bridge.launchUrl).toBe(`${bridge.url}/#token=${bridge.token}`)
    expect(bridge.token.length).toBeGreaterThanOrEqual(32)
  })

  it('carries a contract call and returns its Result as JSON', async () => {
    const response = await invoke({ channel: 'app.info', input: {} })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      ok: true,
      value: { name: 'Promptlabel', transport: 'bridge' },
    })
  })

  it('refuses a call without the token, or with a wrong one', async () => {
    expect((await invoke({ channel: 'app.info', input: {} }, {})).status).toBe(401)
    expect(
      (await invoke({ channel: 'app.info', input: {} }, { [BRIDGE_TOKEN_HEADER]: 'guess' })).status,
    ).toBe(401)
  })

  it('validates calls exactly as Electron IPC does', async () => {
    const response = await invoke({ channel: 'image.open', input: { path: '' } })
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const unknown = await invoke({ channel: 'shell.exec', input: {} })
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
  })

  it('answers a body that is not JSON with invalid-input', async () => {
    const response = await fetch(`${bridge.url}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: bridge.token },
      body: '{not json',
    })
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(`${bridge.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`${bridge.url}/..%2fsecret.txt`)).status).toBe(404)
    expect((await fetch(`${bridge.url}/%2e%2e/secret.txt`)).status).toBe(404)
  })

  it('refuses requests whose Host is not the loopback address (DNS rebinding)', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(403)
    expect(await rawGet('/', new URL(bridge.url).host)).toBe(200)
  })

  it('does not serve events or images without the token', async () => {
    expect((await fetch(`${bridge.url}/api/events`)).status).toBe(401)
    expect((await fetch(`${bridge.url}/api/image/anything`)).status).toBe(401)
  })

  it('streams service events to a subscriber over SSE', async () => {
    const controller = new AbortController()
    const response = await fetch(`${bridge.url}/api/events?token=${bridge.token}`, {
      signal: controller.signal,
    })
    const reader = response.body!.getReader()
    await reader.read() // the ": connected" comment
    bridge.services.events.emit('detection.status', {
      requestId: 'r1',
      state: 'preparing',
      attempt: 1,
      message: 'Preparing the image',
    })
    const { value } = await reader.read()
    const text = new TextDecoder().decode(value)
    expect(text).toContain('"topic":"detection.status"')
    expect(text).toContain('"requestId":"r1"')
    controller.abort()
  })
})
