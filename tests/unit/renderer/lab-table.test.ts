import { describe, expect, it } from 'vitest'
import {
  bestIndices,
  leader,
  scoredClasses,
  tableRows,
  type ColumnKey,
} from '../../../src/renderer/src/core/lab-table'
import { GOOD, NO_BLUE, candidate, gdModel, labScore, reportOf, scored } from './lab-fixtures'

describe('bestIndices', () => {
  it('marks the highest value where higher is better and the lowest where lower is', () => {
    expect([...bestIndices([0.5, 0.9, 0.7], 'higher')]).toEqual([1])
    expect([...bestIndices([3, 1, 2], 'lower')]).toEqual([1])
  })

  it('marks every tied best value', () => {
    expect([...bestIndices([0.8, 0.8, 0.5], 'higher')]).toEqual([0, 1])
    // 0.1 + 0.2 is 0.30000000000000004 in floating point: still a tie with 0.3.
    expect([...bestIndices([0.3, 0.1 + 0.2, 0.2], 'higher')]).toEqual([0, 1])
  })

  it('leaves nulls out and marks nothing when fewer than two values compare', () => {
    expect([...bestIndices([null, 0.5, 0.7], 'higher')]).toEqual([2])
    expect([...bestIndices([null, 0.5], 'higher')]).toEqual([])
    expect([...bestIndices([null, null], 'lower')]).toEqual([])
    expect([...bestIndices([], 'higher')]).toEqual([])
  })

  it('marks nothing when every candidate has the same value: none of them is better', () => {
    expect([...bestIndices([2, 2, 2], 'lower')]).toEqual([])
  })
})

describe('tableRows', () => {
  const candidates = [
    candidate('good', gdModel(['red', 'blue'])),
    candidate('no-blue', gdModel(['red'])),
  ]
  const score = labScore([scored('good', reportOf(GOOD)), scored('no-blue', reportOf(NO_BLUE))])
  const best = (keys: ReadonlySet<ColumnKey>) => [...keys].sort()

  it('gives the candidate that finds every object the best of every column overall', () => {
    const [good, noBlue] = tableRows(candidates, score)
    // Good: 3 of 3 found, nothing wrong. No blue: 2 found, 1 missed, 1 false red (made again).
    expect(good?.metrics).toMatchObject({ tp: 3, fp: 0, fn: 0, precision: 1, recall: 1, f1: 1 })
    expect(noBlue?.metrics).toMatchObject({ tp: 2, fp: 1, fn: 1, rejectedAgain: 1 })
    expect(best(good!.best)).toEqual(
      ['ap50', 'ap50to95', 'f1', 'fn', 'fp', 'precision', 'recall', 'rejectedAgain', 'tp'].sort(),
    )
    expect([...noBlue!.best]).toEqual([])
  })

  it('compares one class at a time, where a tie marks nothing', () => {
    const red = tableRows(candidates, score, 'red')
    // Both find both reds; only "no blue" adds the false red at (50, 50).
    expect(red.map((r) => r.metrics?.tp)).toEqual([2, 2])
    expect(best(red[0]!.best)).toEqual(['fp', 'precision', 'f1', 'rejectedAgain'].sort())
    expect(red[0]?.threshold).toBe(0)
    const blue = tableRows(candidates, score, 'blue')
    // No detection of blue: precision undefined, so only one precision compares and none is best.
    expect(blue[1]?.metrics?.precision).toBeNull()
    expect(blue[0]?.best.has('precision')).toBe(false)
    expect(blue[0]?.best.has('recall')).toBe(true)
  })

  it('shows a candidate that was never run without numbers, and never as best', () => {
    const notRun = labScore([
      scored('good', reportOf(GOOD)),
      scored('no-blue', reportOf([]), { scored: 0, missing: 2, leftOut: [], policy: 'none' }),
    ])
    const rows = tableRows(candidates, notRun)
    expect(rows[1]?.metrics).toBeNull()
    expect([...rows[0]!.best]).toEqual([])
  })

  it('lists a saved candidate main has not scored yet, without numbers', () => {
    const rows = tableRows(candidates, labScore([scored('good', reportOf(GOOD))]))
    expect(rows.map((r) => [r.name, r.metrics === null])).toEqual([
      ['good', false],
      ['no-blue', true],
    ])
  })
})

describe('leader and scoredClasses', () => {
  it('names the candidate of the highest overall F1, the first of a tie', () => {
    const score = labScore([scored('no-blue', reportOf(NO_BLUE)), scored('good', reportOf(GOOD))])
    const rows = tableRows(
      [candidate('no-blue', gdModel(['red'])), candidate('good', gdModel(['red', 'blue']))],
      score,
    )
    expect(leader(rows)).toBe('good')
    expect(leader([])).toBeNull()
    expect(scoredClasses(score)).toEqual(['red', 'blue'])
    expect(scoredClasses(null)).toEqual([])
  })
})
