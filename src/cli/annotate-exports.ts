import { exportProject, ExportRefusedError } from '../main/services/exports'
import { ProjectStore } from '../main/services/projects/project-store'
import { AppError } from '../shared/errors'
import type { RunPaths } from './annotate-plan'

/** What one export did: written (with counts), or refused with every reason. */
export type ExportOutcome =
  | {
      format: 'coco' | 'annotated'
      path: string
      ok: true
      images: number
      annotations: number
      /** Images left out because they could not be read (key and reason). */
      skipped: { key: string; reason: string }[]
    }
  | { format: 'coco' | 'annotated'; path: string; ok: false; message: string; problems: string[] }

/**
 * Writes the exports asked for from the project on disk. Machine suggestions are included (a CLI
 * run has no review step), and only images with results: one that failed is not a negative.
 */
export async function runExports(
  paths: RunPaths,
  overwrite: boolean,
  signal: AbortSignal | undefined,
): Promise<ExportOutcome[]> {
  const wanted = [
    ...(paths.exportCoco === undefined
      ? []
      : [{ format: 'coco' as const, path: paths.exportCoco }]),
    ...(paths.exportAnnotated === undefined
      ? []
      : [{ format: 'annotated' as const, path: paths.exportAnnotated }]),
  ]
  if (wanted.length === 0) return []
  const store = await ProjectStore.openOrCreate(paths.out)
  const outcomes: ExportOutcome[] = []
  for (const { format, path } of wanted) {
    try {
      const summary = await exportProject({
        store,
        format,
        ...(format === 'coco' ? { outFile: path } : { outDir: path }),
        options: { include: 'accepted+suggested', images: 'annotated', overwrite },
        signal,
      })
      outcomes.push({
        format,
        path,
        ok: true,
        images: summary.images,
        annotations: summary.annotations,
        skipped: summary.skippedImages,
      })
    } catch (error) {
      if (error instanceof AppError && error.code === 'cancelled') throw error
      const message = error instanceof Error ? error.message : String(error)
      const problems = error instanceof ExportRefusedError ? error.problems : []
      outcomes.push({ format, path, ok: false, message, problems })
    }
  }
  return outcomes
}
