import { join } from 'node:path'
import type { LabScore } from '../../src/shared/lab'
import type { ProjectInfo } from '../../src/shared/project'
import { COLOUR_NAMES } from '../../tests/support/emulator'
import { startEmulatorProcess } from './emulator-process'
import { writeShapesSet } from './image-sets'
import { runLabTimed, saveCandidates, writeReviewedProject } from './lab-host'
import { call, runBatch, startServices, useEmulatorProfile } from './services-host'
import { round } from './stats'
import type { BenchContext } from './types'

const ALL = [...COLOUR_NAMES]

/** Five prompts over the ten palette colours: variants of one class list, and a hosted model. */
const CANDIDATES = [
  { name: 'all ten', model: { kind: 'grounding-dino', classes: ALL } },
  { name: 'nine (no black)', model: { kind: 'grounding-dino', classes: ALL.slice(0, 9) } },
  { name: 'text 0.3', model: { kind: 'grounding-dino', classes: ALL, textThreshold: 0.3 } },
  { name: 'one NMS', model: { kind: 'grounding-dino', classes: ALL, classAgnosticNms: true } },
  { name: 'hosted', model: { kind: 'hosted', project: 'shapes', version: 1 } },
]

export interface RescoreResult {
  images: number
  truthBoxes: number
  rejected: number
  requests: number
  fillSeconds: number
  /** The first score after the run (reads the cache file into memory). */
  warmupMs: number
  timingsMs: number[]
  /** CPU time (user + system) of this process for each timed score: steadier than wall time on a busy machine. */
  cpuMs: number[]
  answerBytes: number
  detectionsPerCandidate: number
}

/**
 * (a) Fills the cache with one lab run of five candidates over `count` reviewed images (ten shapes
 * of ten colours each), then times lab.score of all five from the cache, after one warm-up score.
 */
export async function rescoreSpeed(ctx: BenchContext, count: number): Promise<RescoreResult> {
  const imagesDir = join(ctx.workDir, 'rescore-images')
  const size = { width: 320, height: 240 }
  ctx.log(`writing ${count} images and their reviews`)
  const files = await writeShapesSet(imagesDir, {
    count,
    ...size,
    shapes: 10,
    minSide: 14,
    maxSide: 40,
    format: 'png',
  })
  const projectDir = join(ctx.workDir, 'rescore-project')
  const truth = await writeReviewedProject(projectDir, imagesDir, files, size)
  const emulator = await startEmulatorProcess(ctx.entry, { slots: 4, serviceTimeMs: 0, seed: 1 })
  const services = startServices(join(ctx.workDir, 'rescore-data'))
  try {
    await useEmulatorProfile(services, emulator.url, { maxConcurrency: 8, maxUploadSide: 0 })
    const project = await call<ProjectInfo>(services, 'project.openFolder', {
      imagesDir,
      projectDir,
    })
    const candidates = await saveCandidates(services, project.id, CANDIDATES)
    const ids = candidates.map((c) => c.id)
    ctx.log(`filling the cache: ${ids.length} candidates x ${count} images`)
    const fill = await runLabTimed(services, project, ids, 8)
    const stats = await emulator.stats()
    const input = { projectId: project.id, candidateIds: ids, iou: 0.5 }
    let started = performance.now()
    const warm = await call<LabScore>(services, 'lab.score', input)
    const warmupMs = performance.now() - started
    const timingsMs: number[] = []
    const cpuMs: number[] = []
    for (let i = 0; i < 5; i++) {
      // A slider being moved: each re-score at another cut for every candidate.
      const cuts = Object.fromEntries(ids.map((id) => [id, { global: 0.4 + i * 0.1 }]))
      const cpu = process.cpuUsage()
      started = performance.now()
      await call<LabScore>(services, 'lab.score', { ...input, cuts })
      timingsMs.push(performance.now() - started)
      const used = process.cpuUsage(cpu)
      cpuMs.push((used.user + used.system) / 1000)
    }
    const missing = warm.candidates.reduce((n, c) => n + c.coverage.missing, 0)
    if (missing > 0 || fill.finished.failed > 0)
      throw new Error(`${missing} images were not scored`)
    return {
      images: count,
      ...truth,
      requests: stats.inferences,
      fillSeconds: fill.seconds,
      warmupMs,
      timingsMs,
      cpuMs,
      answerBytes: JSON.stringify(warm).length,
      detectionsPerCandidate: Math.round(
        warm.candidates.reduce((n, c) => n + c.report.overall.detections, 0) / ids.length,
      ),
    }
  } finally {
    await services.close()
    await emulator.close()
  }
}

export interface RateResult {
  images: number
  batch: { seconds: number; done: number; rate: number; inferences: number }
  lab: { seconds: number; done: number; rate: number; inferences: number }
}

/**
 * (b) The same images, the same paced emulator and the same four requests at once: a batch run of
 * a class list, then the lab's first run of that class list (nothing cached), each timed from its
 * start call to its finished event.
 */
export async function requestRate(
  ctx: BenchContext,
  count: number,
  emulatorOptions: { slots: number; serviceTimeMs: number },
  concurrency: number,
): Promise<RateResult> {
  const imagesDir = join(ctx.workDir, 'rate-images')
  const size = { width: 640, height: 480 }
  ctx.log(`writing ${count} images for the request rate`)
  const files = await writeShapesSet(imagesDir, {
    count,
    ...size,
    shapes: 5,
    minSide: 30,
    maxSide: 120,
  })
  const labProject = join(ctx.workDir, 'rate-lab-project')
  await writeReviewedProject(labProject, imagesDir, files, size)
  const emulator = await startEmulatorProcess(ctx.entry, { ...emulatorOptions, seed: 1 })
  const services = startServices(join(ctx.workDir, 'rate-data'))
  const model = { kind: 'grounding-dino', classes: ALL }
  try {
    await useEmulatorProfile(services, emulator.url, {
      maxConcurrency: concurrency,
      maxUploadSide: 640,
    })
    ctx.log('batch engine')
    const started = performance.now()
    const batch = await runBatch(services, {
      projectDir: join(ctx.workDir, 'rate-batch-project'),
      imagesDir,
      model,
      scope: 'all',
    })
    const batchSeconds = (performance.now() - started) / 1000
    const batchStats = await emulator.stats()
    await emulator.resetStats()
    ctx.log('prompt lab, first run')
    const project = await call<ProjectInfo>(services, 'project.openFolder', {
      imagesDir,
      projectDir: labProject,
    })
    const [candidate] = await saveCandidates(services, project.id, [{ name: 'all ten', model }])
    const lab = await runLabTimed(services, project, [candidate!.id], concurrency)
    const labSeconds = lab.seconds
    const labStats = await emulator.stats()
    return {
      images: count,
      batch: {
        seconds: round(batchSeconds)!,
        done: batch.done,
        rate: round(batch.done / batchSeconds)!,
        inferences: batchStats.inferences,
      },
      lab: {
        seconds: round(labSeconds)!,
        done: lab.finished.done - lab.finished.cached,
        rate: round((lab.finished.done - lab.finished.cached) / labSeconds)!,
        inferences: labStats.inferences,
      },
    }
  } finally {
    await services.close()
    await emulator.close()
  }
}
