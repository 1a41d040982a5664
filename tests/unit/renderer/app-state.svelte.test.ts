import { describe, expect, it } from 'vitest'
import type { DetectionResult, ImageInfo } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { AppState } from '../../../src/renderer/src/state/app-state.svelte'
import { createFakeApi, ok, SETTINGS } from './fake-api'

const image = (id: string): ImageInfo => ({
  id,
  path: `/images/${id}.jpg`,
  name: `${id}.jpg`,
  width: 400,
  height: 300,
  url: `app-image://${id}`,
  format: 'jpeg',
})

const result = (requestId: string, imageId: string): DetectionResult => ({
  requestId,
  imageId,
  model: 'grounding-dino',
  width: 400,
  height: 300,
  detections: [
    { id: 'd1', className: 'dog', confidence: 0.9, box: { x: 1, y: 2, width: 30, height: 40 } },
  ],
  mapping: [{ prompt: 'dog', className: 'dog' }],
  uploadWidth: 400,
  uploadHeight: 300,
  uploadBytes: 1000,
  serverTime: null,
  elapsedMs: 120,
})

describe('AppState: server', () => {
  it('loads the settings and shows the saved URL in the field', async () => {
    const { api } = createFakeApi({ 'settings.get': () => ok(SETTINGS) })
    const app = new AppState(api)
    await app.server.load()
    expect(app.server.urlDraft).toBe('http://localhost:9001')
    expect(app.server.keyStatus).toBe('No key set')
  })

  it('keeps a URL the user typed while the settings were still loading', async () => {
    const { api } = createFakeApi({ 'settings.get': () => ok(SETTINGS) })
    const app = new AppState(api)
    const loading = app.server.load()
    app.server.urlDraft = 'http://gpu-box:9001'
    await loading
    expect(app.server.urlDraft).toBe('http://gpu-box:9001')
  })

  it('clears the typed key once main has stored it, and says where', async () => {
    const { api, calls } = createFakeApi({
      'secret.set': () => ok({ ...SETTINGS, hasApiKey: true, keyStorage: 'session' }),
    })
    const app = new AppState(api)
    app.server.keyDraft = ' secret '
    await app.server.setKey(true)
    expect(calls.at(-1)).toEqual({
      channel: 'secret.set',
      input: { apiKey: 'secret', sessionOnly: true },
    })
    expect(app.server.keyDraft).toBe('')
    expect(app.server.keyStatus).toBe('Key set (this session only)')
  })

  it('keeps the typed key and shows the error when the keychain refuses it', async () => {
    const { api } = createFakeApi({
      'secret.set': () => ({
        ok: false,
        error: { code: 'keychain-unavailable', message: 'No Secret Service' },
      }),
    })
    const app = new AppState(api)
    app.server.keyDraft = 'secret'
    await app.server.setKey()
    expect(app.server.keyDraft).toBe('secret')
    expect(app.errors.current?.code).toBe('keychain-unavailable')
  })
})

describe('AppState: detection', () => {
  it('sends the parsed prompt and keeps it when another image is opened', async () => {
    const { api, calls } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) => ok(result(requestId, imageId)),
    })
    const app = new AppState(api)
    app.prompt.classesText = 'dog, person ,'
    app.prompt.boxThreshold = 0.4
    app.image.pathDraft = 'a'
    await app.image.openPath()
    await app.detection.run()

    const run = calls.find((c) => c.channel === 'detection.run')?.input
    expect(run).toMatchObject({
      imageId: 'a',
      model: {
        kind: 'grounding-dino',
        classes: ['dog', 'person'],
        boxThreshold: 0.4,
        textThreshold: 0.25,
        classAgnosticNms: false,
      },
    })
    expect(app.detection.items.map((i) => i.label)).toEqual(['dog 0.90'])

    app.image.pathDraft = 'b'
    await app.image.openPath()
    expect(app.prompt.classes).toEqual(['dog', 'person'])
    expect(app.detection.result).toBeNull()
  })

  it('shows progress events of its own request only, and ends quietly when cancelled', async () => {
    let finish: (value: Result<DetectionResult>) => void = () => {}
    const { api, emit } = createFakeApi({
      'settings.get': () => ok(SETTINGS),
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': () => new Promise((resolve) => (finish = resolve)),
      'detection.cancel': () => ok({ cancelled: true }),
    })
    const app = new AppState(api)
    const stop = app.start()
    app.prompt.classesText = 'dog'
    app.image.pathDraft = 'a'
    await app.image.openPath()
    const running = app.detection.run()
    const requestId = app.detection.running?.requestId ?? ''

    emit('detection.status', { requestId: 'other', state: 'uploading', attempt: 1, message: 'x' })
    emit('detection.status', { requestId, state: 'retrying', attempt: 2, message: 'Retrying (2)' })
    expect(app.detection.running?.message).toBe('Retrying (2)')

    await app.detection.cancel()
    finish({ ok: false, error: { code: 'cancelled', message: 'Cancelled' } })
    await running
    expect(app.detection.running).toBeNull()
    expect(app.errors.current).toBeNull()
    expect(app.detection.note).toMatch(/cancelled/i)
    stop()
  })

  it('refuses to run without classes and says why', async () => {
    const { api, calls } = createFakeApi({ 'image.open': ({ path }) => ok(image(path)) })
    const app = new AppState(api)
    app.image.pathDraft = 'a'
    await app.image.openPath()
    await app.detection.run()
    expect(calls.some((c) => c.channel === 'detection.run')).toBe(false)
    expect(app.errors.current?.code).toBe('invalid-input')
  })
})
