import type { Logger } from '../main/services/platform'
import type { DetectOptions } from './args'
import type { CliIo } from './io'
import { loadExamples } from './load-examples'
import { applyProfileDefaults, planModel } from './model-args'
import { runImages } from './run-images'
import { openSession } from './session'

/** Service log lines on stderr for --verbose; the io they go through already masks the key. */
function stderrLogger(io: CliIo): Logger {
  const line =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void =>
      io.stderr(`[promptlabel] ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`)
  return { info: line('info'), warn: line('warn'), error: line('error') }
}

const silent: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }

/** `promptlabel detect`: check the flags, open the services, load examples, run every image. */
export async function runDetect(
  options: DetectOptions,
  io: CliIo,
  apiKey: string | null,
): Promise<number> {
  const plan = planModel(options)
  const session = await openSession(
    options,
    io,
    apiKey,
    options.verbose ? stderrLogger(io) : silent,
  )
  try {
    let spec = applyProfileDefaults(plan.spec, session.profile.defaults)
    if (spec.kind === 'owlv2' && plan.examplesPath !== null) {
      spec = { ...spec, references: await loadExamples(session.services, plan.examplesPath) }
    }
    return await runImages(
      session,
      {
        images: options.images,
        spec,
        maxUploadSide: options.maxUploadSide,
        json: options.json,
        verbose: options.verbose,
      },
      io,
    )
  } finally {
    await session.close()
  }
}
