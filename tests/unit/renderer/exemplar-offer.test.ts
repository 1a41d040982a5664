import { describe, expect, it } from 'vitest'
import {
  counterOnlyAdvice,
  counterOnlyAfter,
  describeAddition,
  groupOffer,
  pickOffer,
  type OfferedExample,
} from '../../../src/renderer/src/core/exemplar-offer'
import type { ExemplarSet, ReferenceImage } from '../../../src/renderer/src/core/exemplars'

const image = (id: string): ReferenceImage => ({
  id,
  name: `${id}.png`,
  path: `/img/${id}.png`,
  width: 320,
  height: 240,
  url: `app-image://${id}`,
})
const box = { x: 10, y: 20, width: 30, height: 40 }
const offered = (sourceId: string, className: string, negative = false): OfferedExample => ({
  sourceId,
  box,
  className,
  negative,
})

/** An image's reviewed boxes: two red labels, a rejected red box and a rejected blue one. */
const OFFER = [
  offered('r1', 'red'),
  offered('b1', 'blue', true),
  offered('r2', 'red'),
  offered('r3', 'red', true),
]
const ALL = OFFER.map((o) => o.sourceId)

describe('groupOffer', () => {
  it('groups boxes by class in the order first listed, examples apart from counter-examples', () => {
    const groups = groupOffer(OFFER)
    expect(groups.map((g) => g.className)).toEqual(['red', 'blue'])
    expect(groups[0]?.examples.map((o) => o.sourceId)).toEqual(['r1', 'r2'])
    expect(groups[0]?.counterExamples.map((o) => o.sourceId)).toEqual(['r3'])
    expect(groups[1]?.examples).toEqual([])
    expect(groups[1]?.counterExamples.map((o) => o.sourceId)).toEqual(['b1'])
  })
})

describe('describeAddition', () => {
  it('counts what the ticked boxes add, in words', () => {
    expect(describeAddition(OFFER)).toBe('Add 2 examples and 2 counter-examples')
    expect(describeAddition(pickOffer(OFFER, ['r1', 'b1']))).toBe(
      'Add 1 example and 1 counter-example',
    )
    expect(describeAddition(pickOffer(OFFER, ['r1', 'r2']))).toBe('Add 2 examples')
    expect(describeAddition(pickOffer(OFFER, ['b1']))).toBe('Add 1 counter-example')
  })

  it('has nothing to add when every box is unticked', () => {
    expect(describeAddition(pickOffer(OFFER, []))).toBeNull()
  })
})

describe('pickOffer', () => {
  it('keeps the ticked boxes in the order offered, whatever order they were ticked in', () => {
    expect(pickOffer(OFFER, ['r3', 'r1']).map((o) => o.sourceId)).toEqual(['r1', 'r3'])
  })
})

describe('counterOnlyAfter', () => {
  it('warns of a class the addition would leave with only counter-examples', () => {
    // blue is offered only as a rejected box, and the set has no blue example.
    expect(counterOnlyAfter([], image('a'), OFFER)).toEqual(['blue'])
    expect(counterOnlyAfter([], image('a'), pickOffer(OFFER, ['r1', 'r2', 'r3']))).toEqual([])
  })

  it('counts the examples the set already has on other references', () => {
    const set: ExemplarSet = [
      {
        image: image('b'),
        key: null,
        boxes: [{ id: 'x', box, className: 'blue', negative: false }],
      },
    ]
    expect(counterOnlyAfter(set, image('a'), OFFER)).toEqual([])
  })

  it('warns when unticking the last example of a class leaves its counter-examples alone', () => {
    expect(counterOnlyAfter([], image('a'), pickOffer(OFFER, ['r3']))).toEqual(['red'])
  })
})

describe('counterOnlyAdvice', () => {
  it('says what it means, and offers to tick an example when one is unticked', () => {
    expect(counterOnlyAdvice('red', OFFER, ['r3'])).toBe(
      '"red" would have only counter-examples: OwlV2 needs at least one example of a class to look for it, so Detect would stay blocked. Tick an example of "red", or untick its counter-examples.',
    )
  })

  it('offers to untick or draw an example when the image has no example of the class', () => {
    expect(counterOnlyAdvice('blue', OFFER, ALL)).toMatch(
      /Untick its counter-examples, or draw an example of "blue" after adding\.$/,
    )
  })
})
