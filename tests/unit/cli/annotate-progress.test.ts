import { describe, expect, it } from 'vitest'
import { formatJsonProgress, formatStartText } from '../../../src/cli/annotate-events'
import { formatSummaryText, type AnnotateSummary } from '../../../src/cli/annotate-report'
import {
  etaOf,
  formatDuration,
  formatProgressBar,
  formatProgressLine,
  type ProgressView,
} from '../../../src/cli/progress-bar'

const view = (partial: Partial<ProgressView> = {}): ProgressView => ({
  total: 40,
  done: 9,
  failed: 1,
  inFlight: 4,
  imagesPerSecond: 2.5,
  state: 'running',
  ...partial,
})

describe('progress display', () => {
  it('estimates the time left from the remaining images and the current pace', () => {
    // 30 images left at 2.5 images/s: 12 s.
    expect(etaOf(view())).toBe(12)
    expect(etaOf(view({ imagesPerSecond: 0 }))).toBeNull()
    expect(etaOf(view({ total: null }))).toBeNull()
  })

  it('writes durations the way a clock does', () => {
    expect(formatDuration(7)).toBe('0:07')
    expect(formatDuration(725)).toBe('12:05')
    expect(formatDuration(3723)).toBe('1:02:03')
  })

  it('draws a bar with done, failed, left, rate and ETA, never wider than the terminal', () => {
    const line = formatProgressBar(view(), 100)
    // A quarter done (10 of 40) fills a quarter of the 30-cell bar, rounded down.
    expect(line).toBe(
      `[${'█'.repeat(7)}${'░'.repeat(23)}] 10/40  9 done · 1 failed · 30 left · 2.5 img/s · ETA 0:12`,
    )
    for (const columns of [100, 70, 50, 20]) {
      expect(formatProgressBar(view(), columns).length).toBeLessThanOrEqual(columns - 1)
    }
    // Too narrow for a useful bar: the numbers alone.
    expect(formatProgressBar(view(), 60)).toBe(
      '10/40  9 done · 1 failed · 30 left · 2.5 img/s · ETA 0:12',
    )
  })

  it('says what is not known yet rather than guessing', () => {
    expect(formatProgressLine(view({ total: null, imagesPerSecond: 0 }))).toBe(
      'progress: 10/? images, 9 done, 1 failed, ? left, 0.0 img/s, ETA --:--',
    )
  })

  it('emits JSON progress with the same numbers', () => {
    expect(JSON.parse(formatJsonProgress(view({ imagesPerSecond: 2.456 })))).toEqual({
      progress: {
        done: 9,
        failed: 1,
        total: 40,
        remaining: 30,
        inFlight: 4,
        imagesPerSecond: 2.46,
        etaSeconds: 13,
        state: 'running',
      },
    })
  })
})

const summary = (partial: Partial<AnnotateSummary> = {}): AnnotateSummary => ({
  project: '/p',
  folder: '/photos',
  resultsFile: '/p/results.jsonl',
  scope: 'all',
  images: 30,
  done: 5,
  failed: 25,
  skipped: 0,
  resumed: false,
  cancelled: false,
  seconds: 65,
  otherFiles: 0,
  unreadableFolders: [],
  failures: Array.from({ length: 25 }, (_, i) => ({
    key: `f${i}.jpg`,
    code: 'server-error',
    message: 'The server failed.',
  })),
  moreFailures: 0,
  exports: [],
  exitCode: 2,
  ...partial,
})

describe('summary text', () => {
  it('lists the first 20 failures and points at results.jsonl for the rest', () => {
    const text = formatSummaryText(summary())
    expect(text).toMatch(/^Labelled 5 of 30 images in 1:05; 25 failed\.\nFailed:\n/)
    expect(text).toContain('  f19.jpg: The server failed. (server-error)\n')
    expect(text).not.toContain('f20.jpg')
    expect(text).toContain('  and 5 more (see /p/results.jsonl)\n')
  })

  it('says a resumed run skipped what was already done, and how to resume after a stop', () => {
    expect(
      formatSummaryText(summary({ failed: 0, failures: [], skipped: 12, resumed: true })),
    ).toMatch(/^Labelled 5 images in 1:05\.\nSkipped 12 images that were already done\.\n/)
    expect(formatSummaryText(summary({ cancelled: true }))).toMatch(
      /^Interrupted: .*Run the same command again to resume\.$/m,
    )
  })

  it('announces a resume before the first request', () => {
    const start = {
      project: '/p',
      folder: '/photos',
      scope: 'all' as const,
      images: 30,
      toDo: 18,
      concurrency: 4,
      resumed: true,
      alreadyDone: 12,
      finishedBefore: false,
    }
    expect(formatStartText(start)).toBe(
      'Resuming: 12 images already done, 18 to go.\nProject: /p\n',
    )
  })
})
