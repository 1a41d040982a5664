import { UsageError } from './errors'

/**
 * Reads --confidence / --overlap the way the legacy route reads them (inference-api.md §1.3):
 * below 1 a fraction, from 1 up a percent, so `1` means 1% and `100` means 100%.
 */
export function readScaledFraction(flag: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw new UsageError(
      `${flag} must be a fraction below 1 (0.5) or a percent from 1 to 100 (50); got ${value}.`,
    )
  }
  return value >= 1 ? value / 100 : value
}

/** Hosted specs take percents (model-spec.ts); rounding drops float noise such as 7.000000000000001. */
export function toPercent(fraction: number): number {
  return Math.round(fraction * 1e6) / 1e4
}

/** Grounding DINO thresholds are plain 0..1 scores, with no percent form on that route (§1.4). */
export function readUnit(flag: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`${flag} must be between 0 and 1; got ${value}.`)
  }
  return value
}
