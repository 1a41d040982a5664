import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import {
  createDetectionService,
  type DetectionServer,
  type DetectionService,
  type Rendition,
} from '../../../src/main/services/detection'
import {
  createInferenceHttp,
  type InferenceHttp,
} from '../../../src/main/services/inference/http-client'
import { createSilentLogger } from '../../../src/main/services/platform'
import type { Box } from '../../../src/shared/geometry'
import type { EventMap } from '../../../src/shared/contract'
import { AppError } from '../../../src/shared/errors'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../support/emulator'
import { writeShapesImage, type ShapesImageSpec, type ShapeSpec } from '../../support/test-images'

export const KEY = 'emulator-key'

export interface Harness {
  emulator: Emulator
  http: InferenceHttp
  service: DetectionService
  events: EventMap['detection.status'][]
  renditions: (Rendition & { url: string })[]
  logger: ReturnType<typeof createSilentLogger>
  /** Writes a shapes image and opens it under `id`; returns its true boxes in displayed pixels. */
  addImage(id: string, spec: ShapesImageSpec): Promise<ShapeSpec[]>
  close(): Promise<void>
}

/** The detection service against a fresh emulator on 127.0.0.1, with real sharp and undici. */
export async function startHarness(
  options: { emulator?: EmulatorOptions; server?: Partial<DetectionServer> } = {},
): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'promptlabel-detectors-'))
  const emulator = await startEmulator({ apiKey: KEY, hangMs: 100, ...options.emulator })
  const http = createInferenceHttp({
    timeouts: { connectMs: 2000, headersMs: 10_000, bodyMs: 10_000 },
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 50 },
  })
  const paths = new Map<string, string>()
  const events: EventMap['detection.status'][] = []
  const renditions: (Rendition & { url: string })[] = []
  const logger = createSilentLogger()
  const service = createDetectionService({
    http,
    getServer: async () => ({
      baseUrl: emulator.url,
      apiKey: KEY,
      keyTransport: 'query',
      maxUploadSide: 800,
      ...options.server,
    }),
    images: {
      pathOf: (id) => paths.get(id),
      addRendition: (image) => {
        const url = `app-image://rendition-${renditions.length + 1}`
        renditions.push({ ...image, url })
        return url
      },
    },
    emit: (e) => events.push(e),
    logger,
  })
  return {
    emulator,
    http,
    service,
    events,
    renditions,
    logger,
    async addImage(id, spec) {
      const path = join(dir, `${id}.${spec.format ?? 'jpeg'}`)
      paths.set(id, path)
      return (await writeShapesImage(path, spec)).trueBoxes
    },
    async close() {
      await http.close()
      await emulator.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

export async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (err) {
    if (err instanceof AppError) return err
    throw err
  }
  throw new Error('expected a rejection')
}

/** Asserts a detected box lies on a drawn shape within `tolerance` pixels on every edge. */
export function expectBoxNear(box: Box | undefined, truth: Box, tolerance = 2): void {
  expect(box, 'a box was found').toBeDefined()
  const b = box as Box
  expect(Math.abs(b.x - truth.x), `x ${b.x} vs ${truth.x}`).toBeLessThanOrEqual(tolerance)
  expect(Math.abs(b.y - truth.y), `y ${b.y} vs ${truth.y}`).toBeLessThanOrEqual(tolerance)
  expect(Math.abs(b.width - truth.width), `w ${b.width} vs ${truth.width}`).toBeLessThanOrEqual(
    tolerance,
  )
  expect(Math.abs(b.height - truth.height), `h ${b.height} vs ${truth.height}`).toBeLessThanOrEqual(
    tolerance,
  )
}

/** The true box of the one shape of a colour. */
export function shapeOf(shapes: ShapeSpec[], colour: ShapeSpec['colour']): Box {
  const shape = shapes.find((s) => s.colour === colour)
  if (shape === undefined) throw new Error(`no ${colour} shape`)
  return { x: shape.x, y: shape.y, width: shape.width, height: shape.height }
}

/** Bodies the emulator recorded for a route, oldest first. */
export function bodies<T>(emulator: Emulator, route: string): T[] {
  return (emulator.stats.bodiesByRoute[route] ?? []) as T[]
}
