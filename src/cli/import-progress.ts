import type { ImportProgress } from '../shared/imports'
import type { CliIo } from './io'
import { formatBar } from './progress-bar'

export interface ImportProgressDisplay {
  update(progress: ImportProgress): void
  /** Ends the line drawn in place, if one was drawn. */
  stop(): void
}

const PHASE: Record<ImportProgress['phase'], string> = {
  reading: 'Reading',
  matching: 'Matching images',
  writing: 'Writing annotations',
}

/** The line redrawn in place, never wider than `columns - 1` (a wrapped line cannot be redrawn). */
export function formatImportProgress(
  progress: ImportProgress,
  dryRun: boolean,
  columns: number,
): string {
  const phase =
    dryRun && progress.phase === 'writing' ? 'Checking annotations' : PHASE[progress.phase]
  // A pseudo-terminal without a size (script, some CI runners) reports 0 columns.
  const room = (columns > 0 ? columns : 80) - 1
  if (progress.total === 0) return `${phase}…`.slice(0, room)
  const text = `${phase} ${progress.done}/${progress.total}`
  const barWidth = Math.min(30, room - text.length - 3)
  if (barWidth < 8) return text.slice(0, room)
  return `${formatBar(progress.done / progress.total, barWidth)} ${text}`
}

/**
 * Shows an import's progress on a terminal (stderr), drawn as the service reports it (at most 5
 * times a second); elsewhere nothing, since an import is short and its summary says it all.
 */
export function startImportProgress(io: CliIo, dryRun: boolean): ImportProgressDisplay {
  let drawn = false
  let stopped = false
  return {
    update(progress) {
      if (!io.isTTY || stopped) return
      drawn = true
      io.stderr(`\r\x1b[2K${formatImportProgress(progress, dryRun, io.columns?.() ?? 80)}`)
    },
    stop() {
      if (stopped) return
      stopped = true
      if (drawn) io.stderr('\n')
    },
  }
}
