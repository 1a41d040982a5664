import {
  readModelFlags,
  readSessionFlags,
  type ParsedValues,
  type SessionFlags,
} from './command-flags'
import { UsageError } from './errors'
import { nonEmptyPath as nonEmpty, readConcurrency, readUploadSide } from './flag-values'
import type { ModelFlags } from './model-args'

/** Which images a run sends: every one, those without results yet, or those that failed last. */
export type AnnotateScope = 'all' | 'new' | 'failed'

export interface AnnotateOptions extends ModelFlags, SessionFlags {
  /** The images folder, as given. */
  folder: string
  /** The project folder results stream into. */
  out: string
  /** Requests at once; the profile's limit when not given. */
  concurrency: number | undefined
  scope: AnnotateScope
  exportCoco: string | undefined
  exportAnnotated: string | undefined
  /** Replace a non-empty --export-annotated folder. */
  overwrite: boolean
  maxUploadSide: number | undefined
  json: boolean
  verbose: boolean
}

/** Reads `annotate <folder> --out <project-dir> …` (model and server flags as for detect). */
export function readAnnotateOptions(values: ParsedValues, folders: string[]): AnnotateOptions {
  if (folders.length !== 1) {
    throw new UsageError(
      folders.length === 0
        ? 'Give the folder of images: promptlabel annotate photos/ --out photos-project/ ...'
        : `annotate takes one folder (it walks sub-folders itself); got ${folders.length} paths.`,
    )
  }
  const out = nonEmpty('--out', values.out)
  if (out === undefined) {
    throw new UsageError(
      'Say where the project goes: --out <project-dir> (results and annotations are kept there, so a run can resume).',
    )
  }
  if (values['only-new'] && values['retry-failed']) {
    throw new UsageError('Use either --only-new or --retry-failed, not both.')
  }
  const exportAnnotated = nonEmpty('--export-annotated', values['export-annotated'])
  if (values.overwrite && exportAnnotated === undefined) {
    throw new UsageError('--overwrite replaces the --export-annotated folder; give that too.')
  }
  return {
    folder: folders[0] as string,
    out,
    ...readSessionFlags(values),
    ...readModelFlags(values),
    concurrency: readConcurrency(values.concurrency),
    scope: values['only-new'] ? 'new' : values['retry-failed'] ? 'failed' : 'all',
    exportCoco: nonEmpty('--export-coco', values['export-coco']),
    exportAnnotated,
    overwrite: values.overwrite ?? false,
    maxUploadSide: readUploadSide(values['max-upload-side']),
    json: values.json ?? false,
    verbose: values.verbose ?? false,
  }
}
