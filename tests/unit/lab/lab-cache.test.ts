import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { labCachePath } from '../../../src/main/services/lab/answer-cache'
import { createTestServices } from '../../support/services'
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

/** Two red and blue images, both labelled in full by a person: four true boxes. */
const SHAPES: Record<string, ShapeSpec[]> = {
  'a.png': [
    { colour: 'red', x: 10, y: 20, width: 40, height: 30 },
    { colour: 'blue', x: 90, y: 60, width: 30, height: 30 },
  ],
  'b.png': [
    { colour: 'red', x: 60, y: 10, width: 40, height: 40 },
    { colour: 'blue', x: 10, y: 70, width: 40, height: 30 },
  ],
}

async function reviewedProject() {
  const h = await startHarness()
  for (const [name, shapes] of Object.entries(SHAPES)) await writeImage(h.imagesDir, name, shapes)
  const project = await openFolder(h)
  for (const [name, shapes] of Object.entries(SHAPES)) await label(h, project.id, name, shapes)
  return { h, project }
}

const redBlue = { kind: 'grounding-dino', classes: ['red', 'blue'] }

describe('the prompt lab cache', () => {
  it('asks once per image, then scores any cut and any IoU without a request', async () => {
    const { h, project } = await reviewedProject()
    const candidate = await saveCandidate(h, project.id, 'Colours', redBlue)
    const first = await runLab(h, project.id, [candidate.id])
    // Two truth images, one candidate, nothing cached yet: two requests.
    expect(first).toMatchObject({ total: 2, cached: 0, done: 2, failed: 0, state: 'finished' })
    expect(gdRequests(h)).toBe(2)

    const atHalf = await score(h, project.id, [candidate.id])
    // The emulator finds every shape: 4 true positives of 4 true boxes.
    expect(atHalf.candidates[0]!.report.overall).toMatchObject({ tp: 4, fp: 0, fn: 0 })
    expect(atHalf.candidates[0]!.coverage).toMatchObject({ scored: 2, missing: 0 })
    // Above every score the emulator gives (at most 0.35 + 0.6): nothing kept, all four missed.
    const high = await score(h, project.id, [candidate.id], {
      cuts: { [candidate.id]: { global: 0.99 } },
    })
    expect(high.candidates[0]!.report.overall).toMatchObject({ tp: 0, fn: 4 })
    const strict = await score(h, project.id, [candidate.id], { iou: 0.95 })
    expect(strict.iou).toBe(0.95)
    // A saved cut and model threshold changed: the request is the same (asked at the floor).
    await saveCandidate(
      h,
      project.id,
      'Colours',
      { ...redBlue, boxThreshold: 0.6 },
      { global: 0.7 },
      candidate.id,
    )
    await score(h, project.id, [candidate.id])
    const again = await runLab(h, project.id, [candidate.id])
    expect(again).toMatchObject({ total: 2, cached: 2, done: 2 })
    expect(gdRequests(h)).toBe(2)
  })

  it('asks again for a new prompt (one request per image) and for a new truth image only', async () => {
    const { h, project } = await reviewedProject()
    const colours = await saveCandidate(h, project.id, 'Colours', redBlue)
    await runLab(h, project.id, [colours.id])
    expect(gdRequests(h)).toBe(2)

    const redOnly = await saveCandidate(h, project.id, 'Red', {
      kind: 'grounding-dino',
      classes: ['red'],
    })
    const both = await runLab(h, project.id, [colours.id, redOnly.id])
    // The new prompt is asked on both images; the old one is all cached.
    expect(both).toMatchObject({ total: 4, cached: 2, done: 4 })
    expect(gdRequests(h)).toBe(4)

    await writeImage(h.imagesDir, 'c.png', [{ colour: 'red', x: 5, y: 5, width: 50, height: 40 }])
    const reopened = await openFolder(h)
    await label(h, reopened.id, 'c.png', [{ colour: 'red', x: 5, y: 5, width: 50, height: 40 }])
    const more = await runLab(h, project.id, [colours.id, redOnly.id])
    // One new truth image, two candidates: two requests; the four earlier answers are cached.
    expect(more).toMatchObject({ total: 6, cached: 4, done: 6 })
    expect(gdRequests(h)).toBe(6)
  })

  it('scores Moondream2 boxes at 1 and a hosted model at its own scores, one answer per image each', async () => {
    const { h, project } = await reviewedProject()
    const moondream = await saveCandidate(h, project.id, 'Moondream', {
      kind: 'moondream2',
      prompts: ['red', 'blue'],
    })
    const hosted = await saveCandidate(h, project.id, 'Shapes', {
      kind: 'hosted',
      project: 'shapes',
      version: 1,
    })
    const finished = await runLab(h, project.id, [moondream.id, hosted.id])
    expect(finished).toMatchObject({ total: 4, done: 4, failed: 0 })
    // One answer per image for each, though Moondream2 asks once per prompt (§1.6): 2 x 2 calls.
    expect(h.emulator.stats.byRoute['/infer/lmm']).toBe(4)
    expect(h.emulator.stats.byRoute['/{dataset_id}/{version_id}']).toBe(2)
    const result = await score(h, project.id, [moondream.id, hosted.id], {
      cuts: { [moondream.id]: { global: 0.99 } },
    })
    const [md, shapes] = result.candidates
    // Every Moondream2 box scores 1.0, so even a 0.99 cut keeps all four.
    expect(md!.report.overall).toMatchObject({ truth: 4, tp: 4, fp: 0 })
    expect(md!.report.classes.every((c) => c.thresholdCurve.every((p) => p.threshold === 1))).toBe(
      true,
    )
    // The hosted model knows every palette colour and was given no class list: all four found.
    expect(shapes!.report.overall).toMatchObject({ truth: 4, tp: 4, fp: 0 })
  })

  it('asks again for an answer whose cache line was damaged, never trusting it', async () => {
    const { h, project } = await reviewedProject()
    const candidate = await saveCandidate(h, project.id, 'Colours', redBlue)
    await runLab(h, project.id, [candidate.id])
    const path = labCachePath(project.dir)
    const lines = (await readFile(path, 'utf8')).trim().split('\n')
    const answers = lines.filter((l) => l.includes('"kind":"answer"'))
    expect(answers).toHaveLength(2)
    // Still valid JSON, still the right shape, one confidence changed: the checksum gives it away.
    const tampered = answers[0]!.replace(/"confidence":0\.\d+/, '"confidence":0.011')
    expect(tampered).not.toBe(answers[0])
    await writeFile(path, `${lines.map((l) => (l === answers[0] ? tampered : l)).join('\n')}\n`)

    // A fresh app over the same data reads the cache again and finds one answer missing.
    await h.services.close()
    h.services = createTestServices(join(h.root, 'data'))
    const reopened = await openFolder(h)
    const before = gdRequests(h)
    const missing = await score(h, reopened.id, [candidate.id])
    expect(missing.candidates[0]!.coverage).toMatchObject({ scored: 1, missing: 1 })
    const rerun = await runLab(h, reopened.id, [candidate.id])
    expect(rerun).toMatchObject({ total: 2, cached: 1, done: 2 })
    expect(gdRequests(h) - before).toBe(1)
  })
})
