import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createDetectionService,
  describeRetry,
  joinUrl,
  type DetectionServer,
} from '../../../src/main/services/detection'
import { createInferenceHttp } from '../../../src/main/services/inference/http-client'
import { createSilentLogger } from '../../../src/main/services/platform'
import type { EventMap, ModelSpec } from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
type Status = EventMap['detection.status']

let dir: string
let imagePath: string
const cleanups: (() => Promise<void>)[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promptlabel-detect-'))
  imagePath = join(dir, 'photo.jpg')
  await writeFile(
    imagePath,
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer(),
  )
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c()
})

async function serve(handlers: Handler[]) {
  const seen: {
    url: string
    headers: IncomingMessage['headers']
    body: Record<string, unknown>
  }[] = []
  const server = createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw || '{}') })
      ;(handlers[Math.min(seen.length - 1, handlers.length - 1)] as Handler)(req, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  )
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

const reply =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

/** Mode F answer in upload pixels: the 1200x800 photo uploaded at 600x400 (factor 2). */
const modeF = {
  visualization: null,
  inference_id: null,
  frame_id: null,
  time: 0.25,
  image: { width: 600, height: 400 },
  predictions: [
    {
      x: 100.5,
      y: 50,
      width: 41,
      height: 20,
      confidence: 0.8,
      class: 'hot dog',
      class_id: 0,
      class_confidence: null,
      tracker_id: null,
      detection_id: 'a',
      parent_id: null,
    },
  ],
}

const model: ModelSpec = {
  kind: 'grounding-dino',
  classes: ['Dog', 'Hot-Dog'],
  boxThreshold: 0.35,
  textThreshold: 0.25,
  classAgnosticNms: false,
}

function setup(baseUrl: string, server: Partial<DetectionServer> = {}) {
  const events: Status[] = []
  const logger = createSilentLogger()
  const http = createInferenceHttp({
    timeouts: { connectMs: 1000, headersMs: 5000, bodyMs: 5000 },
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
  })
  cleanups.push(() => http.close())
  const service = createDetectionService({
    http,
    getServer: async () => ({
      baseUrl,
      apiKey: 'SECRET-KEY',
      maxUploadSide: 600,
      keyTransport: 'query',
      ...server,
    }),
    images: {
      pathOf: (id) => (id === 'img-1' ? imagePath : undefined),
      addRendition: () => 'app-image://unused',
    },
    emit: (e) => events.push(e),
    logger,
  })
  return { service, events, logger }
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

describe('detection service with Grounding DINO', () => {
  it('uploads a downscaled image, sends sanitised prompts and maps boxes back to original pixels', async () => {
    const s = await serve([reply(200, modeF)])
    const { service, events, logger } = setup(`${s.url}/`)
    const result = await service.run({ requestId: 'r1', imageId: 'img-1', model })

    expect(s.seen[0]?.url).toBe('/grounding_dino/infer?api_key=SECRET-KEY')
    expect(s.seen[0]?.body).toMatchObject({
      text: ['hot dog', 'dog'],
      box_threshold: 0.35,
      text_threshold: 0.25,
    })
    expect(s.seen[0]?.body).not.toHaveProperty('api_key')
    expect(result).toMatchObject({
      width: 1200,
      height: 800,
      uploadWidth: 600,
      uploadHeight: 400,
      serverTime: 0.25,
    })
    // centre (100.5, 50), 41x20 -> top-left (80, 40) in upload pixels -> x2
    expect(result.detections).toMatchObject([
      { className: 'Hot-Dog', prompt: 'hot dog', box: { x: 160, y: 80, width: 82, height: 40 } },
    ])
    expect(result.mapping).toEqual([
      { prompt: 'hot dog', className: 'Hot-Dog' },
      { prompt: 'dog', className: 'Dog' },
    ])
    expect(events.map((e) => e.state)).toEqual(['preparing', 'uploading', 'done'])
    expect(events.at(-1)?.message).toBe('Found 1 box')
    expect(logger.lines.join('\n')).not.toContain('SECRET-KEY')
  })

  it('says the server is busy while it retries, then succeeds', async () => {
    const s = await serve([
      reply(
        503,
        { message: 'Model is temporarily not ready - retry request.' },
        { 'retry-after': '0' },
      ),
      reply(200, modeF),
    ])
    const { service, events } = setup(s.url)
    await service.run({ requestId: 'r2', imageId: 'img-1', model })
    expect(events.find((e) => e.state === 'retrying')).toEqual({
      requestId: 'r2',
      state: 'retrying',
      attempt: 2,
      message: 'Server busy, retrying now (2/3)',
    })
  })

  it('sends the key as a Bearer header or in the body when the profile says so', async () => {
    const s = await serve([reply(200, modeF)])
    await setup(s.url, { keyTransport: 'header' }).service.run({
      requestId: 'h',
      imageId: 'img-1',
      model,
    })
    await setup(s.url, { keyTransport: 'body' }).service.run({
      requestId: 'b',
      imageId: 'img-1',
      model,
    })
    await setup(s.url, { apiKey: null }).service.run({ requestId: 'n', imageId: 'img-1', model })
    expect(s.seen[0]?.headers.authorization).toBe('Bearer SECRET-KEY')
    expect(s.seen[0]?.url).toBe('/grounding_dino/infer')
    expect(s.seen[1]?.body.api_key).toBe('SECRET-KEY')
    expect(s.seen[1]?.url).toBe('/grounding_dino/infer')
    expect(s.seen[2]?.url).toBe('/grounding_dino/infer')
    expect(s.seen[2]?.headers.authorization).toBeUndefined()
  })

  it('turns a server error into its code and reports the failure', async () => {
    const s = await serve([reply(401, { status: 401, message: 'Unauthorized api_key' })])
    const { service, events } = setup(s.url)
    const e = await caught(service.run({ requestId: 'r3', imageId: 'img-1', model }))
    expect(e.code).toBe('auth-invalid')
    expect(events.at(-1)).toMatchObject({ state: 'failed', message: e.message })
  })

  it('cancels a running request and frees its id', async () => {
    const s = await serve([() => {}])
    const { service, events } = setup(s.url)
    const run = service.run({ requestId: 'r4', imageId: 'img-1', model })
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (s.seen.length > 0) {
          clearInterval(timer)
          resolve()
        }
      }, 5)
    })
    expect(service.cancel({ requestId: 'r4' })).toEqual({ cancelled: true })
    expect((await caught(run)).code).toBe('cancelled')
    expect(events.at(-1)?.state).toBe('cancelled')
    expect(service.cancel({ requestId: 'r4' })).toEqual({ cancelled: false })
  })

  it('reports an image that is no longer open', async () => {
    const { service } = setup('http://127.0.0.1:9')
    expect((await caught(service.run({ requestId: 'r5', imageId: 'gone', model }))).code).toBe(
      'not-found',
    )
  })

  it('warns when two classes become the same prompt', async () => {
    const s = await serve([reply(200, modeF)])
    const merged: ModelSpec = { ...model, classes: ['Dog', 'dog!', 'Hot-Dog'] }
    const result = await setup(s.url).service.run({
      requestId: 'r7',
      imageId: 'img-1',
      model: merged,
    })
    expect(s.seen[0]?.body.text).toEqual(['hot dog', 'dog'])
    expect(result.warnings).toEqual([
      '"dog!" reads the same as "Dog" once sent ("dog"), so its boxes are labelled "Dog".',
    ])
  })

  it('warns, but trusts its own size, when the server decoded another size', async () => {
    const s = await serve([reply(200, { ...modeF, image: { width: 400, height: 600 } })])
    const { service, logger } = setup(s.url)
    const result = await service.run({ requestId: 'r6', imageId: 'img-1', model })
    expect(result.uploadWidth).toBe(600)
    expect(
      logger.lines.some((l) => l.startsWith('warn server decoded a different image size')),
    ).toBe(true)
  })
})

describe('detection service: hosted image URLs and run options', () => {
  const hosted: ModelSpec = {
    kind: 'hosted',
    project: 'pets',
    version: 2,
    confidence: 40,
    overlap: 30,
    classes: [],
    format: 'json',
    imageUrl: 'https://cdn.example.com/photo.jpg',
  }
  /** The server fetched a 600x400 copy of the 1200x800 photo that is open here. */
  const fetched = {
    inference_id: 'e1',
    time: 0.05,
    image: { width: 600, height: 400 },
    predictions: [
      { x: 100, y: 50, width: 40, height: 20, confidence: 0.9, class: 'dog', class_id: 0 },
    ],
  }

  it('scales boxes from the server copy of a URL image to the opened image, and says so', async () => {
    const s = await serve([reply(200, fetched)])
    const { service } = setup(s.url)
    const result = await service.run({ requestId: 'u1', imageId: 'img-1', model: hosted })
    const url = new URL(s.seen[0]?.url ?? '', 'http://x')
    expect(url.pathname).toBe('/pets/2')
    expect(url.searchParams.get('image')).toBe('https://cdn.example.com/photo.jpg')
    expect(url.searchParams.get('api_key')).toBe('SECRET-KEY')
    expect(s.seen[0]?.headers['content-type']).toBeUndefined()
    // centre (100, 50) 40x20 -> top-left (80, 40) on the 600x400 copy -> x2 on the opened photo
    expect(result.detections).toMatchObject([
      { className: 'dog', box: { x: 160, y: 80, width: 80, height: 40 } },
    ])
    expect(result).toMatchObject({ width: 1200, height: 800, uploadWidth: 600, uploadBytes: 0 })
    expect(result.warnings).toEqual([
      "The server's copy of the image is 600×400 pixels and the opened image 1200×800, so the boxes were scaled to fit.",
    ])
  })

  it('warns when the URL image has another shape than the opened one', async () => {
    const s = await serve([reply(200, { ...fetched, image: { width: 400, height: 400 } })])
    const result = await setup(s.url).service.run({
      requestId: 'u2',
      imageId: 'img-1',
      model: hosted,
    })
    expect(result.warnings[0]).toMatch(/check that the URL shows the same picture\.$/)
  })

  it('keeps the boxes and warns when the server picture cannot be fetched', async () => {
    const s = await serve([reply(200, fetched), reply(500, { message: 'Internal error.' })])
    const result = await setup(s.url).service.run({
      requestId: 'u3',
      imageId: 'img-1',
      model: { ...hosted, format: 'image' },
    })
    expect(new URL(s.seen[1]?.url ?? '', 'http://x').searchParams.get('format')).toBe('image')
    expect(result.detections).toHaveLength(1)
    expect(result.renderedImageUrl).toBeNull()
    expect(result.warnings.at(-1)).toMatch(
      /^The server's picture of its boxes could not be fetched: The server hit an error \(HTTP 500\)/,
    )
  })

  it('sends to the server a batch picked instead of the profile one', async () => {
    const s = await serve([reply(200, modeF)])
    const { service } = setup('http://127.0.0.1:9')
    const result = await service.run(
      { requestId: 'b1', imageId: 'img-1', model },
      { baseUrl: s.url },
    )
    expect(result.detections).toHaveLength(1)
    expect(s.seen).toHaveLength(1)
  })

  it('cancels when the signal of the caller aborts', async () => {
    const s = await serve([() => {}])
    const { service, events } = setup(s.url)
    const controller = new AbortController()
    const run = service.run(
      { requestId: 'b2', imageId: 'img-1', model },
      { signal: controller.signal },
    )
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (s.seen.length > 0) {
          clearInterval(timer)
          resolve()
        }
      }, 5)
    })
    controller.abort()
    expect((await caught(run)).code).toBe('cancelled')
    expect(events.at(-1)?.state).toBe('cancelled')
  })
})

describe('helpers', () => {
  it('joins base URLs with or without a trailing slash or path prefix', () => {
    expect(joinUrl('http://h:9001/', '/grounding_dino/infer')).toBe(
      'http://h:9001/grounding_dino/infer',
    )
    expect(joinUrl('https://h/prefix', 'grounding_dino/infer')).toBe(
      'https://h/prefix/grounding_dino/infer',
    )
  })

  it('describes a retry in plain words', () => {
    expect(
      describeRetry({ attempt: 2, maxAttempts: 3, delayMs: 1000, reason: 'HTTP 503', status: 503 }),
    ).toBe('Server busy, retrying in 1 s (2/3)')
    expect(
      describeRetry({ attempt: 3, maxAttempts: 3, delayMs: 2000, reason: 'ECONNREFUSED' }),
    ).toBe('Connection problem, retrying in 2 s (3/3)')
    expect(
      describeRetry({ attempt: 2, maxAttempts: 3, delayMs: 700, reason: 'HTTP 500', status: 500 }),
    ).toBe('Server error, retrying in 1 s (2/3)')
  })
})
