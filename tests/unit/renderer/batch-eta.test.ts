import { describe, expect, it } from 'vitest'
import {
  formatCount,
  formatDuration,
  formatEta,
  formatRate,
  formatRecovery,
  progressFraction,
} from '../../../src/renderer/src/core/eta'

describe('batch progress wording', () => {
  it('shows the pace with a decimal while it is slow, and a dash before there is one', () => {
    expect(formatRate(0)).toBe('— images/s')
    expect(formatRate(4.26)).toBe('4.3 images/s')
    expect(formatRate(37.6)).toBe('38 images/s')
  })

  it('words durations in seconds, minutes and hours as people read them', () => {
    expect(formatDuration(44.6)).toBe('45 s')
    expect(formatDuration(200)).toBe('3 min 20 s')
    expect(formatDuration(180)).toBe('3 min')
    expect(formatDuration(2 * 3600 + 5 * 60 + 9)).toBe('2 h 05 min')
  })

  it('says what the run is doing when there is no time left to give', () => {
    expect(formatEta({ etaSeconds: null, state: 'running' })).toBe('estimating time left…')
    expect(formatEta({ etaSeconds: 75, state: 'running' })).toBe('about 1 min 15 s left')
    expect(formatEta({ etaSeconds: 75, state: 'paused' })).toBe('paused')
    expect(formatEta({ etaSeconds: null, state: 'finished' })).toBe('finished')
  })

  it('counts failed images as handled, and has no fraction while the folder is still listed', () => {
    expect(progressFraction({ done: 6, failed: 2, total: 16 })).toBe(0.5)
    expect(progressFraction({ done: 6, failed: 0, total: null })).toBeNull()
    expect(progressFraction({ done: 0, failed: 0, total: 0 })).toBe(1)
    expect(formatCount({ done: 6, failed: 2, total: 16 })).toBe('8 of 16 images')
    expect(formatCount({ done: 6, failed: 0, total: null })).toBe('6 images so far')
  })

  it('says which recovery pass waits and counts down to it, then that it runs', () => {
    const waiting = { pass: 1, passes: 2, images: 5, startsAt: 10_000 }
    // 3.2 s to go reads as 4 s: the count never reaches 0 before the pass starts.
    expect(formatRecovery(waiting, 6_800)).toBe(
      'Retrying 5 images that failed, pass 1 of 2, in 4 s',
    )
    expect(formatRecovery(waiting, 11_000)).toBe(
      'Retrying 5 images that failed, pass 1 of 2, in 0 s',
    )
    expect(formatRecovery({ pass: 2, passes: 2, images: 1, startsAt: null }, 0)).toBe(
      'Retrying 1 image that failed, pass 2 of 2',
    )
  })
})
