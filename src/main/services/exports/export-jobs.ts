import { randomUUID } from 'node:crypto'
import type { EventMap } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { ExportJobSummary } from '../../../shared/project'
import type { Logger } from '../platform'
import { describeFileError, errorText } from '../storage/file-errors'
import { exportProject, type ExportFormat, type ExportProjectReader } from './export-project'

export interface ExportJobInput {
  store: ExportProjectReader
  format: ExportFormat
  target: string
  include: 'accepted' | 'accepted+suggested'
  images?: 'all' | 'reviewed'
  categoryBase: 0 | 1
  copyImages: boolean
  overwrite: boolean
  labels: boolean
  lineWidth?: number
}

type Emit = <T extends keyof EventMap>(topic: T, payload: EventMap[T]) => void

/** Exports run in the background with progress events and can be cancelled (nothing half-written). */
export function createExportJobs(emit: Emit, logger: Logger) {
  const running = new Map<string, AbortController>()
  return {
    start(input: ExportJobInput): { jobId: string; finished: Promise<ExportJobSummary> } {
      const jobId = randomUUID()
      const controller = new AbortController()
      running.set(jobId, controller)
      const folder = input.format !== 'coco' || input.copyImages
      const finished = exportProject({
        store: input.store,
        format: input.format,
        ...(folder ? { outDir: input.target } : { outFile: input.target }),
        options: {
          include: input.include,
          ...(input.images ? { images: input.images } : {}),
          categoryBase: input.categoryBase,
          copyImages: input.copyImages,
          overwrite: input.overwrite,
          annotated: {
            labels: input.labels,
            ...(input.lineWidth ? { lineWidth: input.lineWidth } : {}),
          },
        },
        signal: controller.signal,
        onProgress: (p) => emit('export.progress', { jobId, ...p }),
      })
        .then(
          (s): ExportJobSummary => ({
            jobId,
            format: s.format,
            path: s.path,
            images: s.images,
            annotations: s.annotations,
            warnings: [
              ...s.warnings,
              ...s.skippedImages.map((i) => `${i.key}: ${i.reason}`),
              ...(s.unreviewed > 0
                ? [
                    s.unreviewed === 1
                      ? '1 image was left out: not reviewed yet (choose “Every image” to include it).'
                      : `${s.unreviewed} images were left out: not reviewed yet (choose “Every image” to include them).`,
                  ]
                : []),
              ...(s.clamped > 0 ? [`${s.clamped} box(es) were clamped to their image.`] : []),
            ],
            cancelled: false,
            error: null,
          }),
          (error: unknown): ExportJobSummary => {
            const cancelled = controller.signal.aborted
            const data =
              error instanceof AppError
                ? {
                    code: error.code,
                    message: [
                      error.message,
                      ...((error as { problems?: string[] }).problems ?? []),
                    ].join('\n'),
                  }
                : {
                    code: 'internal',
                    message: describeFileError(error) ?? `The export stopped: ${errorText(error)}`,
                  }
            // A refusal is the user's to fix; anything else is a fault worth a log line, cause named.
            if (!cancelled && !(error instanceof AppError)) {
              logger.error('export failed', {
                jobId,
                format: input.format,
                target: input.target,
                error: data.message,
              })
            }
            return {
              jobId,
              format: input.format,
              path: input.target,
              images: 0,
              annotations: 0,
              warnings: [],
              cancelled,
              error: cancelled ? null : data,
            }
          },
        )
        .then((summary) => {
          running.delete(jobId)
          emit('export.finished', summary)
          return summary
        })
      return { jobId, finished }
    },
    cancel(jobId: string): { cancelled: boolean } {
      const controller = running.get(jobId)
      controller?.abort()
      return { cancelled: controller !== undefined }
    },
    cancelAll(): void {
      for (const controller of running.values()) controller.abort()
    },
  }
}
