import { describe, expect, it } from 'vitest'
import { openRecord, sealRecord } from '../../../src/main/services/lab/cache-records'
import { floorSpec, requestKey } from '../../../src/main/services/lab/lab-request'
import { planImage } from '../../../src/main/services/lab/leave-one-out'
import { labModelSchema, type LabModelInput } from '../../../src/shared/lab'

const model = (input: LabModelInput) => labModelSchema.parse(input)
const upload = { maxSide: 1024, maxBytes: 0 }
const box = { x: 1, y: 2, width: 10, height: 10 }

describe('what the lab sends, and the key its answer is cached by', () => {
  it('asks at the floor whatever the candidate’s own threshold, so the key ignores it', () => {
    const low = model({ kind: 'grounding-dino', classes: ['red'], boxThreshold: 0.3 })
    const high = model({ kind: 'grounding-dino', classes: ['red'], boxThreshold: 0.6 })
    expect(requestKey(low, [], upload)).toBe(requestKey(high, [], upload))
    // The floor never goes under the text threshold (0.25 by default): a box below it has no phrase.
    expect(floorSpec(low, [])).toMatchObject({ boxThreshold: 0.25, textThreshold: 0.25 })
    const lowText = model({ kind: 'grounding-dino', classes: ['red'], textThreshold: 0.01 })
    expect(floorSpec(lowText, [])).toMatchObject({ boxThreshold: 0.05 })
  })

  it('keys every parameter that changes the answer: prompt, its order, text threshold, NMS, upload', () => {
    const base = model({ kind: 'grounding-dino', classes: ['red', 'blue'] })
    const key = requestKey(base, [], upload)
    const others = [
      model({ kind: 'grounding-dino', classes: ['blue', 'red'] }),
      model({ kind: 'grounding-dino', classes: ['red', 'blue'], textThreshold: 0.3 }),
      model({ kind: 'grounding-dino', classes: ['red', 'blue'], classAgnosticNms: true }),
    ]
    for (const other of others) expect(requestKey(other, [], upload)).not.toBe(key)
    expect(requestKey(base, [], { maxSide: 0, maxBytes: 0 })).not.toBe(key)
    expect(requestKey(base, [], { maxSide: 1024, maxBytes: 5_000_000 })).not.toBe(key)
  })

  it('asks a hosted model for JSON at 1% and never by URL; OwlV2 at 0.9', () => {
    const hosted = model({
      kind: 'hosted',
      project: 'shapes',
      version: 1,
      confidence: 60,
      format: 'image',
      imageUrl: 'https://example.com/a.jpg',
    })
    const spec = floorSpec(hosted, [])
    expect(spec).toMatchObject({ kind: 'hosted', confidence: 1, format: 'json' })
    expect(spec).not.toHaveProperty('imageUrl')
    const owl = model({
      kind: 'owlv2',
      references: [{ key: 'a.png', boxes: [{ className: 'red', box }] }],
    })
    const sent = [
      { sha: 'a'.repeat(64), imageId: 'id-a', boxes: [{ className: 'red', box, negative: false }] },
    ]
    expect(floorSpec(owl, sent)).toMatchObject({
      confidence: 0.9,
      references: [{ imageId: 'id-a' }],
    })
  })
})

describe('leave-one-out', () => {
  const red = { className: 'red', box, negative: false }
  const blue = { className: 'blue', box, negative: false }
  const notBlue = { className: 'blue', box, negative: true }
  const a = { sha: 'a', boxes: [red, blue] }
  const b = { sha: 'b', boxes: [red, notBlue] }

  it('drops the counter-examples of a class no other reference shows, as the server fails on those', () => {
    const plan = planImage('a', [a, b])
    expect(plan).toMatchObject({ kind: 'scored', without: ['blue'] })
    // b's counter-example of blue alone would make a negative-only class (a 500, §1.5).
    expect(plan.kind === 'scored' && plan.references).toEqual([{ sha: 'b', boxes: [red] }])
  })

  it('scores an image that is no reference with every reference', () => {
    expect(planImage('c', [a, b])).toEqual({
      kind: 'scored',
      references: [a, b],
      without: [],
      reason: null,
    })
  })
})

describe('cache lines', () => {
  it('are trusted only when their checksum matches what they say', () => {
    const record = {
      v: 1 as const,
      kind: 'answer' as const,
      key: 'k',
      at: '2026-01-01T00:00:00.000Z',
      width: 10,
      height: 10,
      detections: [{ className: 'red', confidence: 0.5, box }],
    }
    const line = JSON.parse(JSON.stringify(sealRecord(record))) as Record<string, unknown>
    expect(openRecord(line)).toEqual(record)
    expect(openRecord({ ...line, width: 11 })).toBeNull()
    expect(openRecord({ ...line, sum: undefined })).toBeNull()
    expect(openRecord('not an object')).toBeNull()
  })
})
