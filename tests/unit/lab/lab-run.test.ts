import { describe, expect, it } from 'vitest'
import type { LabImageDetections, LabProgress } from '../../../src/shared/lab'
import { call, callError } from '../../support/services'
import type { ShapeSpec } from '../../support/test-images'
import {
  gdRequests,
  label,
  openFolder,
  runLab,
  saveCandidate,
  score,
  labHarnesses,
  writeImage,
} from './lab-harness'

const startHarness = labHarnesses()

const red = (x: number, y: number, width: number, height: number): ShapeSpec => ({
  colour: 'red',
  x,
  y,
  width,
  height,
})

async function project(count: number, options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(options)
  const names = Array.from({ length: count }, (_, i) => `img${i}.png`)
  for (const [i, name] of names.entries())
    await writeImage(h.imagesDir, name, [red(5 + i, 10, 40, 30)])
  const info = await openFolder(h)
  for (const [i, name] of names.entries()) await label(h, info.id, name, [red(5 + i, 10, 40, 30)])
  return { h, projectId: info.id, names }
}

const redModel = { kind: 'grounding-dino', classes: ['red'] }

describe('prompt lab runs', () => {
  it('counts truth images with no answer yet as missing and leaves them out of the score', async () => {
    const { h, projectId } = await project(2)
    const candidate = await saveCandidate(h, projectId, 'Red', redModel)
    const before = await score(h, projectId, [candidate.id])
    // Never run: nothing cached, nothing scored (not "found nothing" on two images).
    expect(before.candidates[0]!.coverage).toEqual({
      scored: 0,
      missing: 2,
      leftOut: [],
      policy: 'none',
    })
    expect(before.candidates[0]!.report.overall).toMatchObject({ truth: 0, fn: 0 })
    await runLab(h, projectId, [candidate.id])
    await writeImage(h.imagesDir, 'late.png', [red(50, 50, 40, 30)])
    await label(h, projectId, 'late.png', [red(50, 50, 40, 30)])
    const after = await score(h, projectId, [candidate.id])
    // late.png is truth now but not run: missing, and its box is not counted as a miss.
    expect(after.truth.images).toBe(3)
    expect(after.candidates[0]!.coverage).toMatchObject({ scored: 2, missing: 1 })
    expect(after.candidates[0]!.report).toMatchObject({
      images: 2,
      overall: { truth: 2, tp: 2, fn: 0 },
    })
  })

  it('sends only what is not cached when run again after a cancel', async () => {
    // One slot held 150 ms per request, two requests open: the cancel lands mid-run.
    const { h, projectId } = await project(8, { slots: 1, serviceTimeMs: 150 })
    const candidate = await saveCandidate(h, projectId, 'Red', redModel)
    const progress: LabProgress[] = []
    const stop = h.services.events.subscribe('lab.progress', (p) => {
      progress.push(p)
      if (p.done >= 2 && p.state === 'running') {
        void call(h.services, 'lab.cancel', { jobId: p.jobId })
      }
    })
    const first = await runLab(h, projectId, [candidate.id])
    stop()
    expect(first.state).toBe('cancelled')
    expect(first.done).toBeGreaterThanOrEqual(2)
    expect(first.done).toBeLessThan(8)
    expect(progress.every((p) => p.total === 8)).toBe(true)
    // The batch scheduler's window: the profile's two requests open at once, queued at the one slot.
    expect(h.emulator.stats.maxInFlight).toBe(2)
    const sent = gdRequests(h)
    const second = await runLab(h, projectId, [candidate.id])
    // The answers the first run recorded are cached; every other image is asked once.
    expect(second).toMatchObject({ state: 'finished', total: 8, cached: first.done, done: 8 })
    expect(gdRequests(h) - sent).toBe(8 - first.done)
    const cancelLate = await call<{ cancelled: boolean }>(h.services, 'lab.cancel', {
      jobId: second.jobId,
    })
    expect(cancelLate).toEqual({ cancelled: false })
  })

  it('lists each failed request with its candidate, image and reason, and refuses an empty truth set', async () => {
    const { h, projectId, names } = await project(2)
    const missing = await saveCandidate(h, projectId, 'Nowhere', {
      kind: 'hosted',
      project: 'no-such-model',
      version: 1,
    })
    const finished = await runLab(h, projectId, [missing.id])
    expect(finished).toMatchObject({ total: 2, done: 0, failed: 2 })
    expect(finished.failures.map((f) => [f.candidateId, f.key])).toEqual(
      names.map((name) => [missing.id, name]),
    )
    expect(finished.failures[0]!.message).toMatch(/no-such-model/)
    const coverage = (await score(h, projectId, [missing.id])).candidates[0]!.coverage
    expect(coverage).toMatchObject({ scored: 0, missing: 2 })

    const empty = await startHarness()
    await writeImage(empty.imagesDir, 'a.png', [red(5, 5, 20, 20)])
    const info = await openFolder(empty)
    const candidate = await saveCandidate(empty, info.id, 'Red', redModel)
    const error = await callError(empty.services, 'lab.run', {
      projectId: info.id,
      candidateIds: [candidate.id],
    })
    expect(error).toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('reviewed'),
    })
  })

  it('answers one candidate’s cached boxes on an image at a cut', async () => {
    const h = await startHarness()
    // A big red box (about 0.87 from the emulator) and a small one (8 x 8: about 0.41).
    const shapes = [red(10, 10, 40, 30), red(100, 80, 8, 8)]
    await writeImage(h.imagesDir, 'a.png', shapes)
    await writeImage(h.imagesDir, 'b.png', shapes)
    const info = await openFolder(h)
    await label(h, info.id, 'a.png', shapes)
    const candidate = await saveCandidate(h, info.id, 'Red', redModel, { global: 0.6 })
    await runLab(h, info.id, [candidate.id])
    const at = (cut?: Record<string, unknown>, key = 'a.png') =>
      call<LabImageDetections>(h.services, 'lab.detections', {
        projectId: info.id,
        candidateId: candidate.id,
        key,
        ...(cut === undefined ? {} : { cut }),
      })
    const saved = await at()
    expect(saved).toMatchObject({ candidateId: candidate.id, key: 'a.png', leftOut: null })
    expect(saved.detections.map((d) => d.box)).toEqual([{ x: 10, y: 10, width: 40, height: 30 }])
    expect((await at({ global: 0.3 })).detections).toHaveLength(2)
    expect((await at({ global: 0.3, perClass: { red: 0.95 } })).detections).toEqual([])
    const notTruth = await at(undefined, 'b.png')
    expect(notTruth).toMatchObject({
      detections: [],
      leftOut: expect.stringContaining('not reviewed'),
    })
  })
})
