import type { Interval } from './types'

/** Below this many truth boxes a class's numbers are flagged as few (shown with their intervals). */
export const FEW_TRUTH_BOXES = 5

/** The standard normal quantile of 0.975, for two-sided 95% intervals. */
export const Z_95 = 1.959963984540054

/**
 * Wilson score interval of a proportion `successes / trials` (Wilson 1927): unlike the normal
 * approximation it stays inside [0, 1] and is not empty at 0/n or n/n, which matters for the small
 * counts a prompt lab sees. Null when there are no trials (the proportion is undefined).
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval | null {
  if (trials === 0) return null
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const centre = (p + z2 / (2 * trials)) / denominator
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator
  // The bounds are exactly 0 at 0/n and 1 at n/n; rounding alone would leave 1 - 1e-16.
  return {
    low: successes === 0 ? 0 : centre - half,
    high: successes === trials ? 1 : centre + half,
  }
}
