import { mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import type { Services } from '../../../src/main/services'
import type { LabCandidate, LabFinished, LabScore } from '../../../src/shared/lab'
import type { OpenedAnnotations, ProjectInfo } from '../../../src/shared/project'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../support/emulator'
import { call, createTestServices } from '../../support/services'
import { writeShapesImage, type ShapeSpec } from '../../support/test-images'

export interface LabHarness {
  root: string
  imagesDir: string
  emulator: Emulator
  services: Services
  close(): Promise<void>
}

/** Services over a fresh data folder with an emulator profile (two requests at once, full-size uploads). */
export async function startLabHarness(options: EmulatorOptions = {}): Promise<LabHarness> {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-lab-'))
  const imagesDir = join(root, 'images')
  await mkdir(imagesDir)
  const emulator = await startEmulator(options)
  const services = createTestServices(join(root, 'data'))
  await call(services, 'profile.save', {
    profile: {
      name: 'Emulator',
      kind: 'local',
      baseUrls: [emulator.url],
      maxConcurrency: 2,
      maxUploadSide: 0,
    },
    activate: true,
  })
  const harness: LabHarness = {
    root,
    imagesDir,
    emulator,
    services,
    async close() {
      // A test may have swapped the services for fresh ones over the same data (a restart).
      await harness.services.close()
      await emulator.close()
    },
  }
  return harness
}

/** A 160x120 PNG with solid palette shapes; returns the shapes as boxes. */
export async function writeImage(dir: string, name: string, shapes: ShapeSpec[]): Promise<void> {
  await writeShapesImage(join(dir, name), { width: 160, height: 120, shapes, format: 'png' })
}

export const openFolder = (h: LabHarness): Promise<ProjectInfo> =>
  call<ProjectInfo>(h.services, 'project.openFolder', { imagesDir: h.imagesDir })

/** Saves an image's boxes as a person's labels (drawn, so kept): the image becomes reviewed. */
export async function label(
  h: LabHarness,
  projectId: string,
  key: string,
  shapes: readonly ShapeSpec[],
): Promise<void> {
  await call<OpenedAnnotations>(h.services, 'annotations.get', { projectId, key })
  await call(h.services, 'annotations.save', {
    projectId,
    key,
    boxes: shapes.map((s, i) => ({
      id: `${key}-${i}`,
      className: s.colour,
      box: { x: s.x, y: s.y, width: s.width, height: s.height },
      confidence: null,
      source: 'user',
      state: 'accepted',
    })),
  })
}

/** Saves a candidate and returns it. */
export async function saveCandidate(
  h: LabHarness,
  projectId: string,
  name: string,
  model: Record<string, unknown>,
  cut: Record<string, unknown> = { global: 0.5 },
  id?: string,
): Promise<LabCandidate> {
  const list = await call<LabCandidate[]>(h.services, 'lab.saveCandidate', {
    projectId,
    name,
    model,
    cut,
    ...(id === undefined ? {} : { id }),
  })
  return list.find((c) => c.name === name.trim())!
}

/** Starts a lab run and resolves with its 'lab.finished' event. */
export async function runLab(
  h: LabHarness,
  projectId: string,
  candidateIds: string[],
  onStarted?: (jobId: string) => void,
): Promise<LabFinished> {
  const seen: LabFinished[] = []
  let wake = (): void => {}
  const stop = h.services.events.subscribe('lab.finished', (event) => {
    seen.push(event)
    wake()
  })
  try {
    const { jobId } = await call<{ jobId: string }>(h.services, 'lab.run', {
      projectId,
      candidateIds,
    })
    onStarted?.(jobId)
    for (;;) {
      const found = seen.find((e) => e.jobId === jobId)
      if (found) return found
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    stop()
  }
}

export const score = (
  h: LabHarness,
  projectId: string,
  candidateIds: string[],
  extra: Record<string, unknown> = {},
): Promise<LabScore> =>
  call<LabScore>(h.services, 'lab.score', { projectId, candidateIds, ...extra })

/** Grounding DINO requests the emulator has answered. */
export const gdRequests = (h: LabHarness): number =>
  h.emulator.stats.byRoute['/grounding_dino/infer'] ?? 0

/**
 * For a test file: a starter of harnesses (options as startLabHarness), each one closed after the
 * test that started it.
 */
export function labHarnesses(): (options?: EmulatorOptions) => Promise<LabHarness> {
  const open: LabHarness[] = []
  afterEach(async () => {
    while (open.length) await open.pop()!.close()
  })
  return async (options = {}) => {
    const harness = await startLabHarness(options)
    open.push(harness)
    return harness
  }
}
