import { describe, expect, it } from 'vitest'
import {
  badgeText,
  failureTag,
  groupFailures,
  outcomeLines,
  statusBars,
  toBars,
} from '../../../src/renderer/src/core/run-summary'

describe('run summary charts', () => {
  it('groups failures by reason, most frequent first, keeping one message as an example', () => {
    const groups = groupFailures([
      { key: 'a.png', error: { code: 'image-unsupported', message: 'a.png is not an image' } },
      { key: 'b.png', error: { code: 'timeout', message: 'took too long' } },
      { key: 'c.png', error: { code: 'image-unsupported', message: 'c.png is not an image' } },
    ])
    expect(groups).toEqual([
      {
        code: 'image-unsupported',
        title: 'Image format not supported',
        count: 2,
        example: 'a.png is not an image',
      },
      { code: 'timeout', title: 'The server took too long', count: 1, example: 'took too long' },
    ])
  })

  it('tells images recovered on a later pass, images that failed every try and bad files apart', () => {
    // 5 failed in all: 2 of them bad files, so 3 failed every try.
    expect(outcomeLines({ recovered: 4, failed: 5, badFiles: 2 })).toEqual([
      { key: 'recovered', count: 4, text: '4 images recovered on a later pass' },
      { key: 'failed', count: 3, text: '3 images failed every try' },
      { key: 'bad-file', count: 2, text: '2 bad files' },
    ])
    expect(outcomeLines({ recovered: 1, failed: 1, badFiles: 1 }).map((l) => l.text)).toEqual([
      '1 image recovered on a later pass',
      '1 bad file',
    ])
    expect(outcomeLines({ recovered: 0, failed: 0, badFiles: 0 })).toEqual([])
  })

  it('tags a failed image as a bad file or by the times it failed', () => {
    expect(failureTag({ kind: 'bad-file', tries: 1 })).toBe('Bad file')
    expect(failureTag({ kind: 'failed', tries: 3 })).toBe('Failed 3 times')
    expect(failureTag({ kind: 'failed', tries: 1 })).toBe('Failed')
  })

  it('scales bars to the longest and drops empty ones', () => {
    const bars = toBars([
      { key: 'cat', label: 'cat', value: 5 },
      { key: 'dog', label: 'dog', value: 20 },
      { key: 'cow', label: 'cow', value: 0 },
    ])
    expect(bars.map((b) => [b.key, b.share])).toEqual([
      ['dog', 1],
      ['cat', 0.25],
    ])
  })

  it('keeps badge bars in the filmstrip order rather than by size', () => {
    const bars = statusBars({ 'not-run': 1, suggested: 9, empty: 4, reviewed: 0, failed: 2 })
    expect(bars.map((b) => b.label)).toEqual([
      'Not run',
      'To review',
      'Nothing found, not checked',
      'Failed',
    ])
  })

  it('words a filmstrip badge by what waits for the labeler', () => {
    expect(badgeText({ status: 'suggested', pending: 3, kept: 1 })).toBe('3 to review')
    const sorted = { status: 'suggested', pending: 3, kept: 1, lowest: 0.314 } as const
    expect(badgeText(sorted, true)).toBe('3 to review · 0.31')
    expect(badgeText(sorted)).toBe('3 to review')
    expect(badgeText({ status: 'reviewed', pending: 0, kept: 0 })).toBe('empty, checked')
    expect(badgeText({ status: 'empty', pending: 0, kept: 0 })).toBe('nothing found · check')
    expect(badgeText({ status: 'reviewed', pending: 0, kept: 2 })).toBe('2 kept')
    expect(badgeText({ status: 'not-run', pending: 0, kept: 0 })).toBe('')
  })
})
