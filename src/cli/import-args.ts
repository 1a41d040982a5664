import type { ImportFormat, ImportMode } from '../shared/imports'
import type { ParsedValues } from './command-flags'
import { UsageError } from './errors'
import { nonEmptyPath } from './flag-values'

export interface ImportOptions {
  /** The images folder, as given. */
  folder: string
  format: ImportFormat
  /** COCO: the .json file. YOLO: the dataset folder, its labels folder or its data.yaml. As given. */
  source: string
  /** A project folder (as annotate --out makes); without it, the app's own project for the folder. */
  out: string | undefined
  /** The app's data folder, where its project for the folder lives (only without --out). */
  dataDir: string | undefined
  mode: ImportMode
  dryRun: boolean
  json: boolean
}

/** Reads `import <folder> (--coco <file> | --yolo <dataset>) [--out <dir>] …`. */
export function readImportOptions(values: ParsedValues, folders: string[]): ImportOptions {
  if (folders.length !== 1) {
    throw new UsageError(
      folders.length === 0
        ? 'Give the folder of images: promptlabel import photos/ --coco labels.json'
        : `import takes one images folder; got ${folders.length} paths.`,
    )
  }
  const coco = nonEmptyPath('--coco', values.coco)
  const yolo = nonEmptyPath('--yolo', values.yolo)
  if (coco !== undefined && yolo !== undefined) {
    throw new UsageError('Use either --coco or --yolo, not both (import one at a time).')
  }
  const out = nonEmptyPath('--out', values.out)
  const dataDir = nonEmptyPath('--data-dir', values['data-dir'])
  if (out !== undefined && dataDir !== undefined) {
    throw new UsageError(
      '--data-dir only applies without --out: a project in --out keeps everything in that folder.',
    )
  }
  const format: ImportFormat = coco !== undefined ? 'coco' : 'yolo'
  const source = coco ?? yolo
  if (source === undefined) {
    throw new UsageError(
      'Say what to import: --coco <file.json> or --yolo <dataset> (its folder, labels folder or data.yaml).',
    )
  }
  return {
    folder: folders[0] as string,
    format,
    source,
    out,
    dataDir,
    mode: values.replace ? 'replace' : 'merge',
    dryRun: values['dry-run'] ?? false,
    json: values.json ?? false,
  }
}
