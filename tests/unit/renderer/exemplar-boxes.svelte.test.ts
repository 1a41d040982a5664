import { describe, expect, it } from 'vitest'
import { examplesFromBoxes } from '../../../src/renderer/src/core/exemplar-offer'
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

/** img1's reviewed boxes: a red label, a rejected blue box, a pending suggestion. */
const reviewed: AnnotationBox[] = [
  {
    id: 'red-1',
    className: 'red',
    box: { x: 18, y: 20, width: 60, height: 50 },
    confidence: null,
    source: 'user',
    state: 'accepted',
  },
  {
    id: 'blue-1',
    className: 'blue',
    box: { x: 180, y: 120, width: 70, height: 80 },
    confidence: 0.4,
    source: 'model',
    state: 'rejected',
  },
  {
    id: 'pending',
    className: 'red',
    box: { x: 200, y: 10, width: 20, height: 20 },
    confidence: 0.3,
    source: 'model',
    state: 'suggested',
  },
]

describe('ExemplarState.offer (add it with its boxes)', () => {
  it('lists what would be added, warns of a class left with only counter-examples, and adds only what stays ticked', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    models.select('owlv2')
    const owlv2 = models.owlv2
    owlv2.offer.open(image('img1'), 'img1.png', reviewed)
    // Nothing is added until the user confirms.
    expect(owlv2.references).toEqual([])
    expect(
      owlv2.offer.groups.map((g) => [g.className, g.examples.length, g.counterExamples.length]),
    ).toEqual([
      ['red', 1, 0],
      ['blue', 0, 1],
    ])
    expect(owlv2.offer.action).toBe('Add 1 example and 1 counter-example')
    expect(owlv2.offer.warnings.map((w) => w.className)).toEqual(['blue'])

    owlv2.offer.tick('blue-1', false)
    expect(owlv2.offer.action).toBe('Add 1 example')
    expect(owlv2.offer.warnings).toEqual([])
    owlv2.offer.confirm()
    expect(owlv2.offer.image).toBeNull()
    expect(owlv2.boxesOn('img1').map((b) => [b.className, b.negative])).toEqual([['red', false]])
    expect(models.problem).toBeNull()
  })

  it('adds nothing when every box is unticked', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    const offer = models.owlv2.offer
    offer.open(image('img1'), null, reviewed)
    offer.tick('red-1', false)
    offer.tick('blue-1', false)
    expect(offer.action).toBeNull()
    offer.confirm()
    expect(models.owlv2.references).toEqual([])
  })
})

describe('ExemplarState: fixing a class with only counter-examples', () => {
  function blockedSet() {
    const { models } = createWorkspace(createFakeApi({}).api)
    models.select('owlv2')
    const owlv2 = models.owlv2
    owlv2.addWithBoxes(image('other'), null, [
      { box: { x: 1, y: 1, width: 9, height: 9 }, className: 'red', negative: false },
    ])
    owlv2.offer.open(image('img1'), 'img1.png', reviewed)
    owlv2.offer.confirm()
    owlv2.closeBuilder()
    return { models, owlv2 }
  }

  it('blocks Detect naming the class, and shows its counter-examples selected in the builder', () => {
    const { models, owlv2 } = blockedSet()
    expect(owlv2.counterOnly).toEqual(['blue'])
    expect(models.problem).toMatch(/^"blue" has only counter-examples/)
    owlv2.show('other')
    owlv2.showCounterExamples('blue')
    expect(owlv2.builderOpen).toBe(true)
    expect(owlv2.active?.image.id).toBe('img1')
    const blue = owlv2.boxesOn('img1').filter((b) => b.className === 'blue')
    expect(owlv2.selection).toEqual(blue.map((b) => b.id))
    // The next box drawn is an example of that class, the other fix.
    expect([owlv2.className, owlv2.negative]).toEqual(['blue', false])
    owlv2.add({ x: 5, y: 5, width: 20, height: 20 })
    expect(models.problem).toBeNull()
  })

  it('removes the class’s counter-examples, which unblocks Detect', () => {
    const { models, owlv2 } = blockedSet()
    owlv2.removeCounterExamples('blue')
    expect(owlv2.counterOnly).toEqual([])
    expect(models.problem).toBeNull()
    expect(owlv2.boxesOn('img1').map((b) => b.className)).toEqual(['red'])
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
