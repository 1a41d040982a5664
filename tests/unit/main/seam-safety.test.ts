import { describe, expect, it } from 'vitest'
import { assertSeamSafe } from '../../support/in-process-api'

describe('seam safety check used by the in-process bridge', () => {
  it('accepts plain JSON data, including absent optional fields', () => {
    expect(() =>
      assertSeamSafe({ a: 1, b: [1, 'x', null], c: { d: true }, e: undefined }, 'v'),
    ).not.toThrow()
  })

  it('refuses values that one transport would change: a Date, NaN, a Map, a hole in an array', () => {
    expect(() => assertSeamSafe({ at: new Date(0) }, 'v')).toThrow('does not survive')
    expect(() => assertSeamSafe({ n: Number.NaN }, 'v')).toThrow('does not survive')
    expect(() => assertSeamSafe({ m: new Map([[1, 2]]) }, 'v')).toThrow('does not survive')
    expect(() => assertSeamSafe([1, undefined], 'v')).toThrow('does not survive')
  })

  it('refuses functions outright (structured clone cannot carry them)', () => {
    expect(() => assertSeamSafe({ f: () => 1 }, 'v')).toThrow()
  })
})
