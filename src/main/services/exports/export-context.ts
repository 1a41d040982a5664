import { join } from 'node:path'
import { AppError } from '../../../shared/errors'
import { prepareBoxes, resolveClassNames, type ExportImage } from './box-selection'
import type { ExportRequest, ExportSummary } from './export-request'
import { createStagingFolder, type StagingFolder } from './staging-folder'

/** Everything a format writer needs: the request, the gathered images and the summary to fill. */
export interface ExportContext {
  request: ExportRequest
  target: string
  classes: string[]
  images: ExportImage[]
  summary: ExportSummary
}

/** An export refused before writing, with every reason (the UI lists them). */
export class ExportRefusedError extends AppError {
  readonly problems: string[]

  constructor(what: string, problems: string[]) {
    const shown = problems.slice(0, 5).join(' ')
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''
    super('invalid-input', `The ${what} export was not written: ${shown}${more}`)
    this.problems = problems
  }
}

/** Throws the plain 'cancelled' error once the signal fires; checked between images. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new AppError('cancelled', 'The export was cancelled; nothing was written.')
}

/** Builds a folder export in staging, then renames it into place; removes it on cancel or failure. */
export async function inStaging(
  context: ExportContext,
  fill: (staging: StagingFolder) => Promise<void>,
): Promise<ExportSummary> {
  const { signal, options } = context.request
  const staging = await createStagingFolder(context.target, options?.overwrite ?? false)
  try {
    await fill(staging)
    throwIfCancelled(signal)
    await staging.commit()
  } finally {
    await staging.discard()
  }
  return context.summary
}

/** Reports writing progress and checks for cancellation, image by image. */
export function step(context: ExportContext, done: number, total: number): void {
  throwIfCancelled(context.request.signal)
  context.request.onProgress?.({ phase: 'writing', done, total })
}

/** Counts what the box exporters will write, for the summary. */
export function countBoxes(context: ExportContext): void {
  const include = context.request.options?.include ?? 'accepted'
  const prepared = context.images.map((image) => prepareBoxes(image, include))
  const { summary } = context
  for (const p of prepared) {
    summary.annotations += p.boxes.length
    summary.dropped += p.dropped
    summary.clamped += p.clamped
  }
  summary.unlistedClasses = resolveClassNames(context.classes, prepared).unlisted
}

export const sourcePath = (context: ExportContext, key: string): string =>
  join(context.request.store.file.imagesDir, ...key.split('/'))
