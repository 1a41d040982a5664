import { describe, expect, it } from 'vitest'
import {
  canPass,
  DEFAULT_RECOVERY,
  failureKind,
  pauseBefore,
  recoveryConcurrency,
  worthRetrying,
} from '../../../src/main/services/batch/recovery'
import { RunTally } from '../../../src/main/services/batch/run-tally'
import type { AppErrorData } from '../../../src/shared/errors'

const internal500: AppErrorData = {
  code: 'server-error',
  message: 'The server hit an error (HTTP 500). The server said: "Internal error."',
  status: 500,
}
const reload500: AppErrorData = {
  code: 'server-error',
  message: 'The server hit an error (HTTP 500). The server said: "Model loading failed: busy"',
  status: 500,
}
const timeout: AppErrorData = { code: 'timeout', message: 'took too long' }
const corrupt: AppErrorData = { code: 'image-unsupported', message: '"a.jpg" seems damaged' }

describe('which failures can pass', () => {
  it('counts 500 and 502-504, timeouts, lost or refused connections and a busy server as passing', () => {
    for (const status of [500, 502, 503, 504]) {
      expect(canPass({ code: 'server-error', message: 'x', status }), String(status)).toBe(true)
    }
    expect(canPass(timeout)).toBe(true)
    expect(canPass({ code: 'unreachable', message: 'The connection was lost.' })).toBe(true)
    expect(canPass({ code: 'server-busy', message: 'busy', status: 503 })).toBe(true)
  })

  it('counts bad files, 4xx answers and other server errors as final', () => {
    // 507: the model does not fit the server's configuration; that does not pass by waiting.
    expect(canPass({ code: 'server-error', message: 'out of memory', status: 507 })).toBe(false)
    expect(canPass({ code: 'server-error', message: 'no status' })).toBe(false)
    expect(canPass(corrupt)).toBe(false)
    expect(canPass({ code: 'file-unreadable', message: 'gone' })).toBe(false)
    for (const code of [
      'request-rejected',
      'image-rejected',
      'auth-invalid',
      'bad-response',
    ] as const) {
      expect(canPass({ code, message: 'x', status: 400 }), code).toBe(false)
    }
  })

  it('calls unreadable and undecodable files bad files, and everything else a failure', () => {
    expect(failureKind(corrupt)).toBe('bad-file')
    expect(failureKind({ code: 'file-unreadable', message: 'x' })).toBe('bad-file')
    expect(failureKind(internal500)).toBe('failed')
    expect(failureKind({ code: 'image-rejected', message: 'x', status: 400 })).toBe('failed')
  })
})

describe('which images get a later try', () => {
  it('retries a first passing failure, never a final one', () => {
    expect(worthRetrying([internal500])).toBe(true)
    expect(worthRetrying([timeout])).toBe(true)
    expect(worthRetrying([corrupt])).toBe(false)
    expect(worthRetrying([])).toBe(false)
  })

  it('stops when the image got the same 500 on every try: that is the image, not the server', () => {
    expect(worthRetrying([internal500, internal500])).toBe(false)
    // A different 500, or another failure in between, can still be passing trouble.
    expect(worthRetrying([reload500, internal500])).toBe(true)
    expect(worthRetrying([internal500, timeout, internal500])).toBe(true)
    expect(worthRetrying([internal500, timeout])).toBe(true)
  })

  it('gives the same 500 twice the passes left once another image got past that very 500', () => {
    const passed = new Set([internal500.message])
    expect(worthRetrying([internal500, internal500], passed)).toBe(true)
    expect(worthRetrying([internal500, internal500, internal500], passed)).toBe(true)
    // Another 500 getting past says nothing of this one; nor does anything make a bad file passing.
    expect(worthRetrying([reload500, reload500], passed)).toBe(false)
    expect(worthRetrying([corrupt], passed)).toBe(false)
  })
})

describe('pass scheduling', () => {
  it('waits longer before each pass, the last pause repeating', () => {
    expect(DEFAULT_RECOVERY).toEqual({ passes: 2, pausesMs: [5_000, 20_000] })
    expect(pauseBefore(1, DEFAULT_RECOVERY)).toBe(5_000)
    expect(pauseBefore(2, DEFAULT_RECOVERY)).toBe(20_000)
    expect(pauseBefore(3, DEFAULT_RECOVERY)).toBe(20_000)
    expect(pauseBefore(1, { passes: 1, pausesMs: [] })).toBe(0)
  })

  it('halves the concurrency per pass, never below one', () => {
    expect([1, 2, 3].map((pass) => recoveryConcurrency(8, pass))).toEqual([4, 2, 1])
    // 3 / 2 rounds up: two at once on pass 1, then one.
    expect([1, 2].map((pass) => recoveryConcurrency(3, pass))).toEqual([2, 1])
    expect(recoveryConcurrency(1, 1)).toBe(1)
  })
})

describe('run tally', () => {
  it('tells recovered images, images that failed every try and bad files apart', () => {
    const tally = new RunTally()
    tally.failure('flaky.png', internal500)
    tally.failure('broken.jpg', corrupt)
    tally.failure('stuck.png', timeout)
    tally.failure('stuck.png', internal500)
    tally.success('flaky.png', [])
    expect(tally.recovered).toBe(1)
    expect(tally.failed).toBe(2)
    expect(tally.report()).toEqual({
      badFiles: 1,
      // In the order they first failed, each with its last error and its tries.
      failures: [
        { key: 'broken.jpg', error: corrupt, kind: 'bad-file', tries: 1 },
        { key: 'stuck.png', error: internal500, kind: 'failed', tries: 2 },
      ],
    })
  })

  it('does not count an image done at the first try as recovered', () => {
    const tally = new RunTally()
    tally.success('a.png', [
      { id: '1', className: 'dog', confidence: 0.9, box: { x: 0, y: 0, width: 1, height: 1 } },
    ])
    expect(tally.recovered).toBe(0)
    expect(tally.boxesPerClass).toEqual({ dog: 1 })
  })

  it('counts the failure a resumed run stopped with as an earlier try of the same image', () => {
    const tally = new RunTally(new Map([['quirk.png', internal500]]))
    tally.failure('quirk.png', internal500)
    tally.failure('other.png', internal500)
    // quirk.png: the same 500 before the stop and now; other.png has had one try.
    expect(tally.worthRetrying('quirk.png')).toBe(false)
    expect(tally.worthRetrying('other.png')).toBe(true)
    // Tries counts this run's only.
    expect(tally.report().failures.find((f) => f.key === 'quirk.png')?.tries).toBe(1)
  })

  it('learns which 500 passes from the images that got past it, this run or the one it resumes', () => {
    const tally = new RunTally(new Map([['resumed.png', reload500]]))
    tally.failure('quirk.png', internal500)
    tally.failure('quirk.png', internal500)
    tally.failure('flaky.png', internal500)
    tally.failure('stuck.png', reload500)
    tally.failure('stuck.png', reload500)
    expect(tally.worthRetrying('quirk.png')).toBe(false)
    expect(tally.worthRetrying('stuck.png')).toBe(false)
    // flaky.png gets past "Internal error.": quirk.png's two of them may be the server's too.
    tally.success('flaky.png', [])
    expect(tally.worthRetrying('quirk.png')).toBe(true)
    expect(tally.worthRetrying('stuck.png')).toBe(false)
    // An image that stopped the last run on "Model loading failed" and is done now.
    tally.success('resumed.png', [])
    expect(tally.worthRetrying('stuck.png')).toBe(true)
  })
})
