import type { ImportNotes, ImportReport } from '../shared/imports'
import { EXIT_INTERRUPTED } from './run-images'

/** No entry of the file (or label file of the dataset) named an image of the folder. */
export const EXIT_NOTHING_MATCHED = 2

/** 0 imported (or would be), 2 nothing matched, 130 stopped by Ctrl-C. */
export function importExitCode(report: ImportReport): number {
  if (report.cancelled) return EXIT_INTERRUPTED
  return report.matchedImages === 0 ? EXIT_NOTHING_MATCHED : 0
}

/** Where the report is told: the paths as the user typed them, and the project written to. */
export interface ImportContext {
  source: string
  folder: string
  project: string
  /** The project is the app's own for the folder (in its data folder), not an --out folder. */
  appProject: boolean
  /** Dry run and no project there yet: none was created. */
  projectMissing: boolean
}

const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`

/** Notes of each kind listed in the summary; --json carries every one the report kept. */
export const NOTES_LISTED = 20

function noteLines(title: string, notes: ImportNotes): string[] {
  if (notes.total === 0) return []
  const listed = notes.items.slice(0, NOTES_LISTED)
  const more = notes.total - listed.length
  return [
    `${title} (${notes.total}):`,
    ...listed.map((note) => `  ${note.where}: ${note.message}`),
    ...(more > 0 ? [`  and ${more} more`] : []),
  ]
}

function countLines(report: ImportReport): string[] {
  const dry = report.dryRun
  const lines = [
    `${plural(report.matchedImages, 'image')} of the folder matched; ${report.changedImages} ${dry ? 'would change' : 'changed'}.`,
    `${dry ? 'Would add' : 'Added'} ${plural(report.labels, 'label')} and ${plural(report.suggestions, 'suggestion')} (boxes with a score, left to review).`,
  ]
  if (report.duplicates > 0) {
    lines.push(
      `${plural(report.duplicates, 'box', 'boxes')} already in the project: not added again.`,
    )
  }
  if (report.replaced > 0) {
    // In merge mode only pending suggestions are replaced; --replace drops whatever the image had.
    const what = report.replaced === 1 ? 'box' : 'boxes'
    lines.push(
      dry
        ? `Would replace ${report.replaced} ${what} the project had with the file's.`
        : `Replaced ${report.replaced} ${what} the project had with the file's.`,
    )
  }
  if (report.newClasses.length > 0) {
    lines.push(
      `${dry ? 'Would add' : 'Added'} ${plural(report.newClasses.length, 'class', 'classes')} to the project: ${report.newClasses.join(', ')}.`,
    )
  }
  if (report.unlabelled > 0) {
    lines.push(
      `${plural(report.unlabelled, 'image')} of the folder ${report.unlabelled === 1 ? 'has' : 'have'} no label file: left as ${report.unlabelled === 1 ? 'it is' : 'they are'}.`,
    )
  }
  return lines
}

function projectLine(context: ImportContext): string {
  if (context.projectMissing) {
    return `Project: ${context.project} (not created: dry run)`
  }
  return context.appProject
    ? `Project: ${context.project} (the app's project for ${context.folder}: open that folder in Promptlabel)`
    : `Project: ${context.project}`
}

/** The summary for people (stdout): what was imported, then every skip and change with its place. */
export function formatImportText(report: ImportReport, context: ImportContext): string {
  const kind = report.format === 'coco' ? 'COCO' : 'YOLO'
  const lines = [
    report.dryRun
      ? `Dry run: nothing was written. Importing ${context.source} (${kind}) would do this:`
      : `Imported ${context.source} (${kind}).`,
  ]
  if (report.cancelled) {
    lines.push(
      report.dryRun
        ? 'Stopped before the end (Ctrl-C): the counts cover what was checked.'
        : 'Stopped before the end (Ctrl-C): images written so far keep their boxes; run again to import the rest (nothing is added twice).',
    )
  }
  lines.push(...countLines(report).map((line) => `  ${line}`))
  lines.push(
    ...noteLines('Skipped images', report.skippedImages),
    ...noteLines('Skipped boxes', report.skippedBoxes),
    ...noteLines('Clamped to their image', report.clamped),
    ...noteLines("Rescaled to the image's size", report.rescaled),
  )
  if (report.matchedImages === 0 && !report.cancelled) {
    lines.push(
      `Nothing to import: nothing in ${context.source} belongs to an image in ${context.folder}.`,
      report.format === 'coco'
        ? "  A file_name is matched to an image's path inside the folder (sub/a.jpg), the end of that path, or a file name found once."
        : '  labels/sub/a.txt belongs to the image sub/a.jpg of the folder (labels/train/ also fits images/train/).',
    )
  }
  lines.push(projectLine(context))
  return `${lines.join('\n')}\n`
}
