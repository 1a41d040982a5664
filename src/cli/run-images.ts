import { resolve } from 'node:path'
import type { DetectionResult, ModelSpecInput } from '../shared/contract'
import type { AppErrorData, ErrorCode } from '../shared/errors'
import { call } from './call'
import {
  formatErrorLine,
  formatJsonError,
  formatJsonLine,
  formatSummary,
  formatTable,
  withCliHint,
} from './format'
import type { CliIo } from './io'
import { mapInOrder } from './ordered-pool'
import type { Session } from './session'

export type Outcome =
  | { image: string; result: DetectionResult }
  | { image: string; error: AppErrorData; notSent: boolean }

export interface RunSettings {
  images: string[]
  spec: ModelSpecInput
  maxUploadSide: number | undefined
  json: boolean
  verbose: boolean
}

/** Problems with the server or the account, not the image: every later image would fail the same way. */
const STOPS_RUN = new Set<ErrorCode>([
  'unreachable',
  'auth-missing',
  'auth-invalid',
  'auth-scope',
  'no-credits',
  'usage-paused',
  'route-disabled',
  'model-not-found',
])

export const EXIT_OK = 0
export const EXIT_SOME_FAILED = 2
export const EXIT_INTERRUPTED = 130

/** Runs detection.run on each image (profile's concurrency), printing each outcome in input order. */
export async function runImages(session: Session, run: RunSettings, io: CliIo): Promise<number> {
  const { services, profile } = session
  const imageOf = new Map<string, string>()
  let stopReason: AppErrorData | null = null
  const unsubscribe = services.events.subscribe('detection.status', (event) => {
    const image = imageOf.get(event.requestId)
    if (image !== undefined && (run.verbose || event.state === 'retrying')) {
      io.stderr(`${image}: ${event.message}\n`)
    }
  })
  const cancelAll = (): void => {
    for (const requestId of imageOf.keys()) void services.invoke('detection.cancel', { requestId })
  }
  io.signal?.addEventListener('abort', cancelAll, { once: true })

  const work = async (image: string, index: number): Promise<Outcome> => {
    if (io.signal?.aborted) {
      return {
        image,
        error: { code: 'cancelled', message: 'Not sent: the run was interrupted.' },
        notSent: true,
      }
    }
    if (stopReason !== null) return { image, error: stopReason, notSent: true }
    const opened = await call(services, 'image.open', { path: resolve(image) })
    if (!opened.ok) return { image, error: withCliHint(opened.error), notSent: false }
    const requestId = `cli-${index + 1}`
    imageOf.set(requestId, image)
    try {
      const input = { requestId, imageId: opened.value.id, model: run.spec, profileId: profile.id }
      const done = await call(
        services,
        'detection.run',
        run.maxUploadSide === undefined ? input : { ...input, maxUploadSide: run.maxUploadSide },
      )
      if (done.ok) return { image, result: done.value }
      const error = withCliHint(done.error)
      if (STOPS_RUN.has(error.code)) stopReason ??= error
      return { image, error, notSent: false }
    } finally {
      imageOf.delete(requestId)
    }
  }

  const failures: AppErrorData[] = []
  /** A run-wide caveat (e.g. about counter-examples) is said once, not once per image. */
  const warned = new Set<string>()
  let notSent = 0
  let tables = 0
  const emit = (outcome: Outcome): void => {
    if ('result' in outcome) {
      if (run.json) io.stdout(formatJsonLine(outcome.image, outcome.result))
      else io.stdout(`${tables++ > 0 ? '\n' : ''}${formatTable(outcome.image, outcome.result)}`)
      for (const warning of outcome.result.warnings ?? []) {
        if (warned.has(warning)) continue
        warned.add(warning)
        io.stderr(`warning: ${outcome.image}: ${warning}\n`)
      }
      return
    }
    const { image, error } = outcome
    if (outcome.notSent) {
      if (notSent === 0 && error.code !== 'cancelled') {
        io.stderr('Not sending the remaining images: every one would fail the same way.\n')
      }
      notSent++
    } else {
      failures.push(error)
      io.stderr(formatErrorLine(image, error))
    }
    if (run.json) {
      const shown =
        outcome.notSent && error.code !== 'cancelled'
          ? { ...error, message: `Not sent: ${error.message}` }
          : error
      io.stdout(formatJsonError(image, shown))
    }
  }

  try {
    await mapInOrder(run.images, profile.maxConcurrency, work, emit, { firstAlone: true })
  } finally {
    unsubscribe()
    io.signal?.removeEventListener('abort', cancelAll)
  }
  const total = run.images.length
  if (io.signal?.aborted) {
    io.stderr(`Interrupted: ${total - failures.length - notSent} of ${total} images done.\n`)
    return EXIT_INTERRUPTED
  }
  const summary = formatSummary({ total, failures, notSent })
  if (summary !== null) io.stderr(summary)
  return failures.length + notSent > 0 ? EXIT_SOME_FAILED : EXIT_OK
}
