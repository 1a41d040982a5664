import { describe, expect, it } from 'vitest'
import { wilsonInterval } from '../../../src/shared/evaluation'
import {
  describeCoverage,
  describeInterval,
  describeLeftOut,
  describeProgress,
  formatCut,
  formatMetric,
  formatRate,
} from '../../../src/renderer/src/core/lab-format'

describe('numbers with their uncertainty', () => {
  it('shows a rate of a class with few true boxes with its 95% interval, not as a fact', () => {
    // 4 of 5: Wilson's interval at 95% is 0.38–0.96 (Wilson 1927; z = 1.96).
    const interval = wilsonInterval(4, 5)
    expect(formatRate(0.8, interval, true)).toBe('0.80 (0.38–0.96)')
    expect(describeInterval(interval)).toBe('95% interval 0.38–0.96')
  })

  it('shows a rate of a well-supported class plainly, and an undefined one as a dash', () => {
    expect(formatRate(0.8, wilsonInterval(80, 100), false)).toBe('0.80')
    expect(formatRate(null, null, true)).toBe('–')
    expect(formatMetric(null)).toBe('–')
    expect(formatMetric(0.456)).toBe('0.46')
    expect(describeInterval(null)).toBe('')
  })

  it('writes cuts near 1 with four decimals, where OwlV2 scores differ', () => {
    expect(formatCut(0.35)).toBe('0.35')
    expect(formatCut(0.9906)).toBe('0.9906')
    expect(formatCut(1)).toBe('1.00')
  })
})

describe('coverage in words', () => {
  it('says nothing when the whole truth set was scored plainly', () => {
    expect(describeCoverage({ scored: 10, missing: 0, leftOut: [], policy: 'none' }, 10)).toEqual(
      [],
    )
  })

  it('says how much is missing and how reference images were kept from scoring themselves', () => {
    const leaveOneOut = {
      scored: 8,
      missing: 2,
      leftOut: [{ key: 'ref.png', reason: 'scored with the other references only' }],
      policy: 'leave-one-out' as const,
    }
    expect(describeCoverage(leaveOneOut, 10)).toEqual([
      'Scored on 8 of 10 truth images; 2 images are not run yet or failed.',
      'Reference images scored leave-one-out (each with the other references only): 1.',
    ])
    expect(describeLeftOut(leaveOneOut)).toBe('ref.png: scored with the other references only')
    expect(
      describeCoverage({ ...leaveOneOut, missing: 0, scored: 10, policy: 'left-out' }, 10),
    ).toEqual(['1 image left out of this score (its own examples).'])
    expect(describeCoverage({ scored: 0, missing: 10, leftOut: [], policy: 'none' }, 10)).toEqual([
      'Not run yet: run it to score it.',
    ])
  })
})

describe('run progress', () => {
  it('counts answers from the cache apart from those asked of the server', () => {
    const progress = {
      jobId: 'j',
      projectId: 'p1',
      total: 40,
      cached: 28,
      done: 38,
      failed: 2,
      inFlight: 0,
      state: 'running' as const,
    }
    expect(describeProgress(progress)).toBe(
      '38 of 40 answers · 28 from the cache, 10 asked · 2 failed',
    )
    expect(describeProgress({ ...progress, failed: 0, state: 'cancelled' })).toBe(
      '38 of 40 answers · 28 from the cache, 10 asked · cancelled',
    )
  })
})
