import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDetectionService, type DetectionServer } from '../../../src/main/services/detection'
import { prepareUpload } from '../../../src/main/services/images'
import { errorFromResponse } from '../../../src/main/services/inference/errors'
import {
  buildGroundingDinoRequest,
  GROUNDING_DINO_ROUTE,
} from '../../../src/main/services/inference/grounding-dino'
import {
  createInferenceHttp,
  type InferenceHttp,
} from '../../../src/main/services/inference/http-client'
import type { EventMap, ModelSpec } from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage, type ShapeSpec } from '../../support/test-images'

const KEY = 'emulator-key'
let dir: string
let photo: string
let trueBoxes: ShapeSpec[]
let emulator: Emulator
let http: InferenceHttp
let events: EventMap['detection.status'][]
/** Called on every status event; lets a test clear a fault once the client starts retrying. */
let onEvent: (e: EventMap['detection.status']) => void

const model: ModelSpec = {
  kind: 'grounding-dino',
  classes: ['Red box', 'blue-box'],
  boxThreshold: 0.35,
  textThreshold: 0.25,
  classAgnosticNms: false,
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promptlabel-gd-emulator-'))
  photo = join(dir, 'sideways.jpg')
  // Displayed 1200x800, stored 800x1200 with EXIF orientation 6; uploaded at 600x400 (factor 2).
  const image = await makeShapesImage({
    width: 1200,
    height: 800,
    format: 'jpeg',
    orientation: 6,
    shapes: [
      { colour: 'red', x: 100, y: 120, width: 300, height: 200 },
      { colour: 'blue', x: 900, y: 500, width: 300, height: 300 },
    ],
  })
  trueBoxes = image.trueBoxes
  await writeFile(photo, image.buffer)
})

afterAll(() => rm(dir, { recursive: true, force: true }))

afterEach(async () => {
  await http?.close()
  await emulator?.close()
})

async function start(apiKey: string | null, server: Partial<DetectionServer> = {}) {
  emulator = await startEmulator({ apiKey: KEY, hangMs: 100 })
  http = createInferenceHttp({
    timeouts: { connectMs: 2000, headersMs: 10_000, bodyMs: 10_000 },
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50 },
  })
  events = []
  onEvent = () => {}
  const service = createDetectionService({
    http,
    getServer: async () => ({
      baseUrl: emulator.url,
      apiKey,
      maxUploadSide: 600,
      keyTransport: 'query',
      ...server,
    }),
    images: {
      pathOf: (id) => (id === 'photo' ? photo : undefined),
      addRendition: () => 'app-image://unused',
    },
    emit: (e) => {
      events.push(e)
      onEvent(e)
    },
  })
  return service
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a rejection')
}

/** Sends a hand-built body, bypassing the prompt builder, and maps the answer like the service does. */
async function rawRequest(body: unknown): Promise<AppError | null> {
  const res = await http.postJson(`${emulator.url}${GROUNDING_DINO_ROUTE}`, body, {
    apiKey: { value: KEY, transport: 'query' },
  })
  if (res.status === 200) return null
  const prompts = body as { text: string[]; box_threshold: number; text_threshold: number }
  return errorFromResponse(res.status, res.json ?? res.text, {
    route: GROUNDING_DINO_ROUTE,
    prompts: {
      prompts: prompts.text,
      boxThreshold: prompts.box_threshold,
      textThreshold: prompts.text_threshold,
    },
  })
}

describe('Grounding DINO against the inference emulator', () => {
  it('finds the true shapes of an EXIF-rotated, downscaled photo within 2 px', async () => {
    const service = await start(KEY)
    const result = await service.run({ requestId: 'ok', imageId: 'photo', model })
    expect(result).toMatchObject({ width: 1200, height: 800, uploadWidth: 600, uploadHeight: 400 })
    expect(result.detections).toHaveLength(2)
    for (const truth of trueBoxes) {
      const className = truth.colour === 'red' ? 'Red box' : 'blue-box'
      const found = result.detections.find((d) => d.className === className)
      expect(found, className).toBeDefined()
      const box = found?.box ?? { x: NaN, y: NaN, width: NaN, height: NaN }
      expect(Math.abs(box.x - truth.x)).toBeLessThanOrEqual(2)
      expect(Math.abs(box.y - truth.y)).toBeLessThanOrEqual(2)
      expect(Math.abs(box.width - truth.width)).toBeLessThanOrEqual(2)
      expect(Math.abs(box.height - truth.height)).toBeLessThanOrEqual(2)
    }
    // the key went as ?api_key= and the prompts were sanitised
    expect(emulator.stats.lastRequest?.query.api_key).toBe(KEY)
    expect(emulator.stats.lastRequest?.body).toMatchObject({ text: ['red box', 'blue box'] })
  })

  it('maps a missing key to auth-missing', async () => {
    const service = await start(null)
    expect((await caught(service.run({ requestId: 'k0', imageId: 'photo', model }))).code).toBe(
      'auth-missing',
    )
  })

  it('maps a wrong key to auth-invalid, for every key transport', async () => {
    for (const keyTransport of ['query', 'header', 'body'] as const) {
      const service = await start('wrong', { keyTransport })
      const e = await caught(
        service.run({ requestId: `k-${keyTransport}`, imageId: 'photo', model }),
      )
      expect(e.code, keyTransport).toBe('auth-invalid')
      await http.close()
      await emulator.close()
    }
  })

  it('maps the capitalised-prompt 500 to server-error with the unmatched-phrase hint', async () => {
    await start(KEY)
    const upload = await prepareUpload(photo, { maxSide: 600 })
    const body = buildGroundingDinoRequest({
      imageBase64: upload.base64,
      prompts: ['Red box'],
      boxThreshold: 0.35,
      textThreshold: 0.25,
      classAgnosticNms: false,
      transport: 'query',
    })
    const e = await rawRequest(body)
    expect(e?.code).toBe('server-error')
    expect(e?.status).toBe(500)
    expect(e?.hint).toMatch(/^Possible cause: .*"Red box" has capitals or punctuation/)
  })

  it('names the prompt quirk on a 500 when the text threshold is above the box threshold', async () => {
    const service = await start(KEY)
    // The emulator, like the server, leaves the phrase empty for a box under the text threshold.
    const strict = { ...model, classes: ['red box'], boxThreshold: 0.3, textThreshold: 0.99 }
    const e = await caught(service.run({ requestId: 'tt', imageId: 'photo', model: strict }))
    expect(e.code).toBe('server-error')
    expect(e.hint).toContain('the text threshold (0.99) is above the box threshold (0.3)')
  })

  it('does not blame sanitised one-word prompts for a 500 the server had for another reason', async () => {
    const service = await start(KEY)
    emulator.setFaults({ error500: 1 })
    const plain = { ...model, classes: ['red', 'blue'] }
    const e = await caught(service.run({ requestId: 'e500', imageId: 'photo', model: plain }))
    expect(e.message).toBe('The server hit an error (HTTP 500). The server said: "Internal error."')
    expect(e.hint).not.toMatch(/prompt/i)
    // Retried once within the request, then final.
    expect(emulator.stats.faultsInjected.error500).toBe(2)
  })

  it('maps an undecodable image to image-rejected and a missing field to request-rejected', async () => {
    await start(KEY)
    const bad = { image: { type: 'base64', value: 'bm90IGFuIGltYWdl' }, text: ['red'] }
    expect((await rawRequest(bad))?.code).toBe('image-rejected')
    const missing = await rawRequest({ image: { type: 'base64', value: 'AAAA' } })
    expect(missing?.code).toBe('request-rejected')
    expect(missing?.message).toContain('text')
  })

  it('retries a 503 "model not ready", telling the user, then succeeds', async () => {
    const service = await start(KEY)
    emulator.setFaults({ busy503: 1 })
    onEvent = (e) => {
      if (e.state === 'retrying') emulator.setFaults({})
    }
    const result = await service.run({ requestId: 'busy', imageId: 'photo', model })
    expect(result.detections).toHaveLength(2)
    expect(emulator.stats.faultsInjected.busy503).toBe(1)
    expect(events.find((e) => e.state === 'retrying')).toMatchObject({
      attempt: 2,
      message: 'Server busy, retrying now (2/3)',
    })
  })

  it('gives up after three busy answers with server-busy', async () => {
    const service = await start(KEY)
    emulator.setFaults({ busy503: 1 })
    const e = await caught(service.run({ requestId: 'busy3', imageId: 'photo', model }))
    expect(e.code).toBe('server-busy')
    expect(emulator.stats.faultsInjected.busy503).toBe(3)
  })

  it('retries a reset connection and a dropped hang, then succeeds', async () => {
    for (const fault of ['reset', 'hang'] as const) {
      const service = await start(KEY)
      emulator.setFaults({ [fault]: 1 })
      onEvent = (e) => {
        if (e.state === 'retrying') emulator.setFaults({})
      }
      const result = await service.run({ requestId: fault, imageId: 'photo', model })
      expect(result.detections, fault).toHaveLength(2)
      expect(events.find((e) => e.state === 'retrying')?.message).toMatch(/^Connection problem/)
      await http.close()
      await emulator.close()
    }
  })

  it('reports a stopped server as unreachable', async () => {
    const service = await start(KEY)
    await emulator.close()
    const e = await caught(service.run({ requestId: 'down', imageId: 'photo', model }))
    expect(e.code).toBe('unreachable')
    expect(e.message).toBe(`Could not reach the server at ${emulator.url}. Is it running?`)
  })
})
