import { describe, expect, it } from 'vitest'
import {
  changedMappings,
  clampThreshold,
  classesProblem,
  describeMapping,
  MAX_CLASSES,
  parseClasses,
} from '../../../src/renderer/src/core/prompt'

describe('parseClasses', () => {
  it('splits a comma-separated list and trims each name', () => {
    expect(parseClasses('dog, person,backpack ')).toEqual(['dog', 'person', 'backpack'])
  })

  it('drops blanks from doubled or trailing commas and accepts new lines', () => {
    expect(parseClasses(' , dog,,\nperson\n, ')).toEqual(['dog', 'person'])
  })

  it('keeps multi-word prompts, collapsing their inner spaces', () => {
    expect(parseClasses('red   car, traffic light')).toEqual(['red car', 'traffic light'])
  })

  it('keeps the first spelling of a class typed twice in different case', () => {
    expect(parseClasses('Dog, cat, dog')).toEqual(['Dog', 'cat'])
  })

  it('returns no classes for an empty field', () => {
    expect(parseClasses('')).toEqual([])
  })
})

describe('classesProblem', () => {
  it('accepts a normal list', () => {
    expect(classesProblem(['dog'])).toBeNull()
  })

  it('asks for at least one class', () => {
    expect(classesProblem([])).toMatch(/at least one class/)
  })

  it('rejects more classes than the contract allows', () => {
    const many = Array.from({ length: MAX_CLASSES + 1 }, (_, i) => `c${i}`)
    expect(classesProblem(many)).toMatch(/at most 200/)
  })

  it('rejects an overlong class name', () => {
    expect(classesProblem(['x'.repeat(201)])).toMatch(/200 characters/)
  })
})

describe('clampThreshold', () => {
  it('keeps values inside 0..1 and replaces a blank field with the default', () => {
    expect(clampThreshold(0.4, 0.35)).toBe(0.4)
    expect(clampThreshold(1.5, 0.35)).toBe(1)
    expect(clampThreshold(-1, 0.35)).toBe(0)
    expect(clampThreshold(Number.NaN, 0.35)).toBe(0.35)
  })
})

describe('prompt mapping', () => {
  const mapping = [
    { prompt: 'dog', className: 'dog' },
    { prompt: 'a person', className: 'person' },
  ]

  it('keeps only the pairs whose prompt differs from the class', () => {
    expect(changedMappings(mapping)).toEqual([{ prompt: 'a person', className: 'person' }])
    expect(changedMappings([{ prompt: 'dog', className: 'dog' }])).toEqual([])
  })

  it('describes the mapping on one line', () => {
    expect(describeMapping(changedMappings(mapping))).toBe('"a person" → person')
  })
})
