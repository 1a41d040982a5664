import { describe, expect, it } from 'vitest'
import {
  addExemplar,
  counterExamplesOf,
  counterOnlyClasses,
  exemplarClasses,
  exemplarProblem,
  exemplarsOn,
  hasCounterExamples,
  removeCounterExamples,
  removeExemplar,
  removeReference,
  toExemplarItems,
  toOwlv2References,
  type Exemplar,
  type ExemplarSet,
  type ReferenceImage,
} from '../../../src/renderer/src/core/exemplars'

const imageA: ReferenceImage = {
  id: 'a',
  name: 'a.png',
  path: '/img/a.png',
  width: 400,
  height: 300,
  url: 'app-image://a',
}
const imageB: ReferenceImage = { ...imageA, id: 'b', name: 'b.png', path: '/img/b.png' }
const box = { x: 10, y: 20, width: 30, height: 40 }
const ex = (id: string, className = 'red', negative = false): Exemplar => ({
  id,
  box,
  className,
  negative,
})

describe('exemplar set', () => {
  it('makes an image a reference with its first box and appends later boxes to it', () => {
    let set: ExemplarSet = addExemplar([], imageA, ex('1'))
    set = addExemplar(set, imageB, ex('2'))
    set = addExemplar(set, imageA, ex('3', 'blue'))
    expect(set.map((r) => r.image.id)).toEqual(['a', 'b'])
    expect(exemplarsOn(set, 'a').map((b) => b.id)).toEqual(['1', '3'])
    expect(exemplarsOn(set, 'zzz')).toEqual([])
  })

  it('keeps only what a reference needs from the image it was drawn on', () => {
    const set = addExemplar([], { ...imageA, format: 'png' } as ReferenceImage, ex('1'))
    expect(set[0]?.image).toEqual(imageA)
  })

  it('never changes the set it was given', () => {
    const before: ExemplarSet = addExemplar([], imageA, ex('1'))
    const after = addExemplar(before, imageA, ex('2'))
    expect(exemplarsOn(before, 'a')).toHaveLength(1)
    expect(after).not.toBe(before)
  })

  it('removes a box, and keeps the image a reference until it is removed itself', () => {
    let set: ExemplarSet = addExemplar(addExemplar([], imageA, ex('1')), imageA, ex('2'))
    set = removeExemplar(set, 'a', '1')
    expect(exemplarsOn(set, 'a').map((b) => b.id)).toEqual(['2'])
    set = removeExemplar(set, 'a', '2')
    expect(set.map((r) => r.boxes.length)).toEqual([0])
    // An image without boxes is neither sent nor enough to run.
    expect(toOwlv2References(set)).toEqual([])
    expect(exemplarProblem(set)).toMatch(/at least one example/)
  })

  it('removes a whole reference image', () => {
    const set = addExemplar(addExemplar([], imageA, ex('1')), imageB, ex('2'))
    expect(removeReference(set, 'a').map((r) => r.image.id)).toEqual(['b'])
  })

  it('lists classes in the order first drawn and spots counter-examples', () => {
    const set = addExemplar(addExemplar([], imageA, ex('1', 'red')), imageB, ex('2', 'blue', true))
    expect(exemplarClasses(set)).toEqual(['red', 'blue'])
    expect(hasCounterExamples(set)).toBe(true)
    expect(hasCounterExamples(addExemplar([], imageA, ex('1')))).toBe(false)
  })
})

describe('exemplarProblem', () => {
  it('asks for a first example when the set is empty', () => {
    expect(exemplarProblem([])).toMatch(/at least one example/)
  })

  it('refuses a class drawn only as counter-examples, which the server answers with a 500 (§1.5)', () => {
    const set = addExemplar(addExemplar([], imageA, ex('1', 'red')), imageA, ex('2', 'cat', true))
    expect(exemplarProblem(set)).toBe(
      '"cat" has only counter-examples, so OwlV2 has nothing to look for: add an example of "cat" or remove its counter-examples.',
    )
  })

  it('accepts counter-examples of a class that also has examples', () => {
    const set = addExemplar(addExemplar([], imageA, ex('1', 'red')), imageB, ex('2', 'red', true))
    expect(exemplarProblem(set)).toBeNull()
  })
})

describe('classes with only counter-examples', () => {
  // a: example red, counter-example cat; b: counter-examples cat and dog, example dog.
  const set: ExemplarSet = [
    { image: imageA, key: null, boxes: [ex('1', 'red'), ex('2', 'cat', true)] },
    {
      image: imageB,
      key: null,
      boxes: [ex('3', 'cat', true), ex('4', 'dog', true), ex('5', 'dog')],
    },
  ]

  it('names each class whose every box, on every reference, is a counter-example', () => {
    // dog has an example on b, so only cat is lonely.
    expect(counterOnlyClasses(set)).toEqual(['cat'])
  })

  it('finds the first reference holding a class’s counter-examples, with their ids', () => {
    expect(counterExamplesOf(set, 'cat')).toEqual({ imageId: 'a', ids: ['2'] })
    expect(counterExamplesOf(set, 'red')).toBeNull()
  })

  it('removes a class’s counter-examples everywhere and leaves its examples and other classes', () => {
    const fixed = removeCounterExamples(set, 'cat')
    expect(fixed.map((r) => r.boxes.map((b) => b.id))).toEqual([['1'], ['4', '5']])
    expect(counterOnlyClasses(fixed)).toEqual([])
    expect(exemplarProblem(fixed)).toBeNull()
  })
})

describe('toOwlv2References', () => {
  it('sends each reference by image id with its boxes in top-left image pixels', () => {
    const set = addExemplar(addExemplar([], imageA, ex('1')), imageB, ex('2', 'red', true))
    expect(toOwlv2References(set)).toEqual([
      { imageId: 'a', boxes: [{ box, className: 'red', negative: false }] },
      { imageId: 'b', boxes: [{ box, className: 'red', negative: true }] },
    ])
  })
})

describe('toExemplarItems', () => {
  it('labels examples with + and counter-examples with −, coloured by class', () => {
    const items = toExemplarItems(
      [ex('1'), ex('2', 'cat', true)],
      new Map([['red', '#E69F00']]),
      '#999',
    )
    expect(items.map((i) => [i.label, i.color, i.negative])).toEqual([
      ['+ red', '#E69F00', false],
      ['− cat', '#999', true],
    ])
  })
})
