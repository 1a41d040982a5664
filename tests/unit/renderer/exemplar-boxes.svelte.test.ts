import { describe, expect, it } from 'vitest'
import { examplesFromBoxes } from '../../../src/renderer/src/core/exemplars'
import { buildOwlv2Spec } from '../../../src/renderer/src/core/model-specs'
import type { AnnotationBox } from '../../../src/shared/annotations'
import { createFakeApi } from './fake-api'
import { createWorkspace, image } from './state-harness'

describe('ExemplarState.addWithBoxes', () => {
  it('makes an image with labels a reference in one step, and the set sends them', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    const owlv2 = models.owlv2
    owlv2.addWithBoxes(image('labelled'), 'labelled.jpg', [
      { box: { x: 1, y: 2, width: 30, height: 40 }, className: 'kite', negative: false },
      { box: { x: 50, y: 2, width: 30, height: 40 }, className: 'kite', negative: true },
      { box: { x: 5, y: 60, width: 10, height: 10 }, className: 'bird', negative: false },
    ])
    expect(owlv2.active?.image.id).toBe('labelled')
    expect(owlv2.boxesOn('labelled').map((b) => [b.className, b.negative])).toEqual([
      ['kite', false],
      ['kite', true],
      ['bird', false],
    ])
    expect(owlv2.classes).toEqual(['kite', 'bird'])
    expect(owlv2.hasCounterExamples).toBe(true)
    const outcome = buildOwlv2Spec({
      references: owlv2.references,
      confidence: 0.5,
      versionId: 'owlv2-base',
    })
    expect(outcome.problem).toBeNull()
  })
})

describe('examplesFromBoxes', () => {
  const box = (id: string, state: AnnotationBox['state'], source: AnnotationBox['source']) =>
    ({
      id,
      className: id,
      box: { x: 1, y: 1, width: 4, height: 4 },
      confidence: source === 'model' ? 0.5 : null,
      source,
      state,
    }) satisfies AnnotationBox

  it('takes labels as examples and rejected boxes as counter-examples, never pending ones', () => {
    const examples = examplesFromBoxes([
      box('drawn', 'accepted', 'user'),
      box('pending', 'suggested', 'model'),
      box('accepted', 'accepted', 'model'),
      box('edited', 'edited', 'model'),
      box('wrong', 'rejected', 'model'),
    ])
    expect(examples.map((e) => [e.className, e.negative])).toEqual([
      ['drawn', false],
      ['accepted', false],
      ['edited', false],
      ['wrong', true],
    ])
  })
})
