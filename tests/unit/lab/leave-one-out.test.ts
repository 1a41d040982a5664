import { describe, expect, it } from 'vitest'
import type { ShapeSpec } from '../../support/test-images'
import {
  label,
  openFolder,
  runLab,
  saveCandidate,
  score,
  labHarnesses,
  writeImage,
  type LabHarness,
} from './lab-harness'

const startHarness = labHarnesses()

const RED_A: ShapeSpec = { colour: 'red', x: 10, y: 20, width: 40, height: 30 }
const BLUE_A: ShapeSpec = { colour: 'blue', x: 90, y: 60, width: 30, height: 30 }
const RED_B: ShapeSpec = { colour: 'red', x: 60, y: 10, width: 40, height: 40 }
const SHAPES: Record<string, ShapeSpec[]> = {
  'a.png': [RED_A, BLUE_A],
  'b.png': [RED_B],
  'c.png': [
    { colour: 'blue', x: 10, y: 70, width: 40, height: 30 },
    { colour: 'red', x: 100, y: 10, width: 30, height: 30 },
  ],
}

const example = (s: ShapeSpec) => ({
  className: s.colour,
  box: { x: s.x, y: s.y, width: s.width, height: s.height },
})

async function reviewedProject() {
  const h = await startHarness()
  for (const [name, shapes] of Object.entries(SHAPES)) await writeImage(h.imagesDir, name, shapes)
  const project = await openFolder(h)
  for (const [name, shapes] of Object.entries(SHAPES)) await label(h, project.id, name, shapes)
  return { h, project }
}

interface Owlv2Body {
  image: { value: string }
  training_data: { image: { value: string }; boxes: { cls: string }[] }[]
}

const owlBodies = (h: LabHarness): Owlv2Body[] =>
  (h.emulator.stats.bodiesByRoute['/owlv2/infer'] ?? []) as Owlv2Body[]

describe('leave-one-out for OwlV2 reference images', () => {
  it('never sends a reference image with its own examples, and scores it without a class no other reference shows', async () => {
    const { h, project } = await reviewedProject()
    const candidate = await saveCandidate(
      h,
      project.id,
      'Two references',
      {
        kind: 'owlv2',
        references: [
          { key: 'a.png', boxes: [example(RED_A), example(BLUE_A)] },
          { key: 'b.png', boxes: [example(RED_B)] },
        ],
      },
      { global: 0.99 },
    )
    const finished = await runLab(h, project.id, [candidate.id])
    expect(finished).toMatchObject({ total: 3, done: 3, failed: 0 })
    const bodies = owlBodies(h)
    expect(bodies).toHaveLength(3)
    for (const body of bodies) {
      const sent = body.training_data.map((t) => t.image.value)
      expect(sent).not.toContain(body.image.value)
    }
    // a.png is asked with b.png only (red), b.png with a.png only, c.png with both.
    const trainingSizes = bodies.map((b) => b.training_data.length).sort()
    expect(trainingSizes).toEqual([1, 1, 2])
    const withoutBlue = bodies.find((b) => b.training_data.every((t) => t.boxes.length === 1))
    expect(withoutBlue?.training_data[0]?.boxes.map((b) => b.cls)).toEqual(['red'])

    const result = (await score(h, project.id, [candidate.id])).candidates[0]!
    expect(result.coverage.policy).toBe('leave-one-out')
    expect(result.coverage.scored).toBe(3)
    expect(result.coverage.leftOut).toEqual([
      { key: 'a.png', reason: expect.stringContaining('without "blue"') },
    ])
    // Truth: red on a, b, c (3) and blue on a, c; a's blue is left out of a's score, so 4 boxes count.
    const blue = result.report.classes.find((c) => c.className === 'blue')!
    const red = result.report.classes.find((c) => c.className === 'red')!
    expect(red.truth).toBe(3)
    expect(blue.truth).toBe(1)
    expect(result.report.overall).toMatchObject({ truth: 4, tp: 4, fp: 0 })
  })

  it('leaves the only reference image out of the score, and sends nothing for it', async () => {
    const { h, project } = await reviewedProject()
    const candidate = await saveCandidate(h, project.id, 'One reference', {
      kind: 'owlv2',
      references: [{ key: 'b.png', boxes: [example(RED_B)] }],
    })
    const finished = await runLab(h, project.id, [candidate.id])
    // b.png has no other reference to be asked with: two requests, for a.png and c.png.
    expect(finished).toMatchObject({ total: 2, done: 2 })
    expect(owlBodies(h)).toHaveLength(2)
    const result = (await score(h, project.id, [candidate.id])).candidates[0]!
    expect(result.coverage).toEqual({
      scored: 2,
      missing: 0,
      policy: 'left-out',
      leftOut: [{ key: 'b.png', reason: expect.stringContaining('not scored') }],
    })
    const detections = await h.services.invoke('lab.detections', {
      projectId: project.id,
      candidateId: candidate.id,
      key: 'b.png',
    })
    expect(detections).toMatchObject({
      ok: true,
      value: { detections: [], leftOut: expect.any(String) },
    })
  })
})
