import { describe, expect, it } from 'vitest'
import type { BatchSummary } from '../../../src/shared/batch'
import type { TruthSummary } from '../../../src/shared/lab'
import { call } from '../../support/services'
import {
  label,
  openFolder,
  runLab,
  saveCandidate,
  score,
  labHarnesses,
  writeImage,
} from './lab-harness'

const startHarness = labHarnesses()

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height })

/**
 * a: two labels (red, blue). b: a red label and a blue suggestion the person rejected. c: a red
 * shape, but the person confirmed the image empty. d: a run found nothing on it (green only) and
 * nobody looked. e: a suggestion still waiting. f: never touched. Only a, b and c are truth.
 */
async function handMadeProject() {
  const h = await startHarness()
  const red = { colour: 'red' as const, ...box(10, 20, 40, 30) }
  const blue = { colour: 'blue' as const, ...box(90, 60, 30, 30) }
  await writeImage(h.imagesDir, 'a.png', [red, blue])
  await writeImage(h.imagesDir, 'b.png', [red, blue])
  await writeImage(h.imagesDir, 'c.png', [red])
  await writeImage(h.imagesDir, 'd.png', [{ colour: 'green', ...box(10, 10, 30, 30) }])
  await writeImage(h.imagesDir, 'e.png', [red])
  await writeImage(h.imagesDir, 'f.png', [red])
  const project = await openFolder(h)
  const projectId = project.id
  await label(h, projectId, 'a.png', [red, blue])
  await label(h, projectId, 'b.png', [red])
  const b = await call<{ doc: { boxes: unknown[] } }>(h.services, 'annotations.get', {
    projectId,
    key: 'b.png',
  })
  await call(h.services, 'annotations.save', {
    projectId,
    key: 'b.png',
    boxes: [
      ...b.doc.boxes,
      {
        id: 'b-rejected',
        className: 'blue',
        box: box(90, 60, 30, 30),
        confidence: 0.8,
        source: 'model',
        state: 'rejected',
      },
    ],
  })
  await call(h.services, 'annotations.get', { projectId, key: 'c.png' })
  await call(h.services, 'review.markDone', { projectId, key: 'c.png', done: true })
  const finished = new Promise<BatchSummary>((resolve) => {
    const stop = h.services.events.subscribe('batch.finished', (s) => {
      stop()
      resolve(s)
    })
  })
  await call(h.services, 'batch.start', {
    projectId,
    model: { kind: 'grounding-dino', classes: ['red'] },
    scope: 'selection',
    keys: ['d.png'],
  })
  expect(await finished).toMatchObject({ done: 1 })
  await call(h.services, 'annotations.get', { projectId, key: 'e.png' })
  await call(h.services, 'annotations.save', {
    projectId,
    key: 'e.png',
    boxes: [
      {
        id: 'e-pending',
        className: 'red',
        box: box(10, 20, 40, 30),
        confidence: 0.9,
        source: 'model',
        state: 'suggested',
      },
    ],
  })
  return { h, projectId }
}

describe('the truth set', () => {
  it('holds reviewed images only, a confirmed-empty one included, with boxes per class', async () => {
    const { h, projectId } = await handMadeProject()
    const truth = await call<TruthSummary>(h.services, 'lab.truth', { projectId })
    expect(truth).toEqual({
      images: 3,
      boxes: 3,
      rejected: 1,
      classes: [
        // red on a and b; blue kept on a, rejected on b; both below FEW_TRUTH_BOXES (5).
        { className: 'red', boxes: 2, images: 2, few: true },
        { className: 'blue', boxes: 1, images: 1, few: true },
      ],
    })
  })

  it('scores what a candidate finds on a confirmed-empty image, and on a rejected box, as false positives', async () => {
    const { h, projectId } = await handMadeProject()
    const candidate = await saveCandidate(h, projectId, 'Colours', {
      kind: 'grounding-dino',
      classes: ['red', 'blue'],
    })
    const finished = await runLab(h, projectId, [candidate.id])
    // a, b and c: the waiting, unlooked-at and untouched images are not asked about.
    expect(finished).toMatchObject({ total: 3, done: 3 })
    const { report } = (await score(h, projectId, [candidate.id])).candidates[0]!
    // a: red and blue found (2 TP). b: red found (TP), blue found again on the rejected box (FP).
    // c: red found on an image confirmed empty (FP).
    expect(report.overall).toMatchObject({ truth: 3, tp: 3, fp: 2, fn: 0, rejectedAgain: 1 })
    expect(report.falsePositives.map((f) => [f.imageKey, f.className, f.reason])).toEqual([
      ['b.png', 'blue', 'rejected-again'],
      ['c.png', 'red', 'unmatched'],
    ])
  })

  it('keeps a reviewed image whose later run failed: the failure changes its badge, not its document', async () => {
    const { h, projectId } = await handMadeProject()
    expect(await call<TruthSummary>(h.services, 'lab.truth', { projectId })).toMatchObject({
      images: 3,
    })
    const failed = new Promise<BatchSummary>((resolve) => {
      const stop = h.services.events.subscribe('batch.finished', (s) => {
        stop()
        resolve(s)
      })
    })
    await call(h.services, 'batch.start', {
      projectId,
      model: { kind: 'hosted', project: 'no-such-model', version: 1 },
      scope: 'selection',
      keys: ['a.png'],
    })
    expect(await failed).toMatchObject({ done: 0, failed: 1 })
    const truth = await call<TruthSummary>(h.services, 'lab.truth', { projectId })
    expect(truth).toMatchObject({ images: 3, boxes: 3 })
  })

  it('follows review changes: an image reopened for review leaves, a newly labelled one joins', async () => {
    const { h, projectId } = await handMadeProject()
    await call(h.services, 'lab.truth', { projectId })
    await call(h.services, 'review.markDone', { projectId, key: 'c.png', done: false })
    await label(h, projectId, 'f.png', [{ colour: 'red', ...box(10, 20, 40, 30) }])
    const truth = await call<TruthSummary>(h.services, 'lab.truth', { projectId })
    // c left (no longer done, no box); f joined with one red box: a, b, f and 4 boxes.
    expect(truth).toMatchObject({ images: 3, boxes: 4 })
    expect(truth.classes[0]).toEqual({ className: 'red', boxes: 3, images: 3, few: true })
  })
})
