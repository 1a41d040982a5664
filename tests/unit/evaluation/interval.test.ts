import { describe, expect, it } from 'vitest'
import { wilsonInterval, Z_95 } from '../../../src/shared/evaluation'

describe('Wilson score interval', () => {
  it('uses the 0.975 normal quantile', () => {
    // scipy.stats.norm.ppf(0.975) = 1.959963984540054
    expect(Z_95).toBe(1.959963984540054)
  })

  it('gives the textbook [0.490, 0.943] for 8 of 10', () => {
    // p = 0.8, n = 10, z^2 = 3.8415: centre (0.8 + 0.19207) / 1.38415 = 0.71674,
    // half-width 1.96 * sqrt(0.016 + 0.0096037) / 1.38415 = 0.22658.
    const interval = wilsonInterval(8, 10)!
    expect(interval.low).toBeCloseTo(0.4902, 4)
    expect(interval.high).toBeCloseTo(0.9433, 4)
  })

  it('is not empty at 0 of n or n of n, and ends exactly at 0 and 1', () => {
    // 0 of 10: upper bound z^2 / (n + z^2) = 3.8415 / 13.8415 = 0.2775; 10 of 10 mirrors it.
    expect(wilsonInterval(0, 10)!.low).toBe(0)
    expect(wilsonInterval(0, 10)!.high).toBeCloseTo(0.2775, 4)
    expect(wilsonInterval(10, 10)!.low).toBeCloseTo(1 - 0.2775, 4)
    expect(wilsonInterval(10, 10)!.high).toBe(1)
  })

  it('is wide for a single box: 1 of 1 is anything from 0.21 to 1', () => {
    // centre (1 + 1.9207) / 4.8415 = 0.6033, half-width 1.96 * sqrt(3.8415 / 4) / 4.8415 = 0.3967.
    expect(wilsonInterval(1, 1)!.low).toBeCloseTo(0.2065, 4)
  })

  it('is undefined without trials', () => {
    expect(wilsonInterval(0, 0)).toBeNull()
  })
})
