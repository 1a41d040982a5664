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
  recovery: null,
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
        recovery: null,
      },
    })
  })

  it('says which recovery pass waits, and for how long, where the ETA was', () => {
    // Every image has an outcome (36 done, 4 failed): the 4 wait 3.2 s for pass 1, shown as 4 s.
    const waiting = view({
      done: 36,
      failed: 4,
      recovery: { pass: 1, passes: 2, images: 4, startsAt: 13_200 },
    })
    expect(formatProgressLine(waiting, 10_000)).toBe(
      'progress: 40/40 images, 36 done, 4 failed, 0 left, 2.5 img/s, retrying 4 that failed, pass 1 of 2, in 4 s',
    )
    const running = { ...waiting, recovery: { pass: 2, passes: 2, images: 1, startsAt: null } }
    expect(formatProgressBar(running, 200, 10_000)).toMatch(
      / 40\/40 {2}36 done · 4 failed · 0 left · 2\.5 img\/s · retrying 1 that failed, pass 2 of 2$/,
    )
    expect(JSON.parse(formatJsonProgress(running)).progress.recovery).toEqual(running.recovery)
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
  recovered: 0,
  failedEveryTry: 25,
  badFiles: 0,
  recoveryPasses: 2,
  failures: Array.from({ length: 25 }, (_, i) => ({
    key: `f${i}.jpg`,
    code: 'server-error',
    message: 'The server failed.',
    kind: 'failed' as const,
    tries: 3,
  })),
  moreFailures: 0,
  exports: [],
  exitCode: 2,
  ...partial,
})

describe('summary text', () => {
  it('lists the first 20 failures and points at results.jsonl for the rest', () => {
    const text = formatSummaryText(summary())
    expect(text).toMatch(
      /^Labelled 5 of 30 images in 1:05; 25 failed\.\nFailed every try \(25\):\n/,
    )
    expect(text).toContain('  f19.jpg: The server failed. (server-error, 3 tries)\n')
    expect(text).not.toContain('f20.jpg')
    expect(text).toContain('  and 5 more (see /p/results.jsonl)\n')
  })

  it('tells images recovered on a later pass, images that failed every try and bad files apart', () => {
    const text = formatSummaryText(
      summary({
        done: 27,
        failed: 3,
        recovered: 4,
        failedEveryTry: 1,
        badFiles: 2,
        failures: [
          {
            key: 'broken.jpg',
            code: 'image-unsupported',
            message: 'Damaged.',
            kind: 'bad-file',
            tries: 1,
          },
          { key: 'stuck.png', code: 'timeout', message: 'Too slow.', kind: 'failed', tries: 3 },
          {
            key: 'empty.png',
            code: 'image-unsupported',
            message: 'Empty.',
            kind: 'bad-file',
            tries: 1,
          },
        ],
      }),
    )
    expect(text).toMatch(
      /^Labelled 27 of 30 images in 1:05; 3 failed\.\nRecovered 4 images on a later pass\.\n/,
    )
    expect(text).toContain(
      [
        'Failed every try (1):',
        '  stuck.png: Too slow. (timeout, 3 tries)',
        'Bad files (2):',
        '  broken.jpg: Damaged. (image-unsupported)',
        '  empty.png: Empty. (image-unsupported)',
      ].join('\n'),
    )
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
