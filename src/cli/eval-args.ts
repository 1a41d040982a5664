import {
  readModelFlags,
  readSessionFlags,
  type ParsedValues,
  type SessionFlags,
} from './command-flags'
import { UsageError } from './errors'
import { nonEmptyPath, readConcurrency, readNumber, readUploadSide } from './flag-values'
import type { ModelFlags } from './model-args'

export interface EvalOptions extends ModelFlags, SessionFlags {
  /** The images folder, as given. */
  folder: string
  /** A project folder (as annotate --out makes); without it, the app's own project for the folder. */
  out: string | undefined
  /** The app's data folder, where its project for the folder is kept (without --out). */
  appDataDir: string | undefined
  /** A COCO file to score against instead of the project's reviewed images. */
  truth: string | undefined
  /** Matching IoU, above 0 and at most 1. */
  iou: number
  concurrency: number | undefined
  maxUploadSide: number | undefined
  json: boolean
  verbose: boolean
}

/** Reads `eval <folder> --model … [--out <dir>] [--truth <coco.json>] [--iou 0.5]` (server flags as for detect). */
export function readEvalOptions(values: ParsedValues, folders: string[]): EvalOptions {
  if (folders.length !== 1) {
    throw new UsageError(
      folders.length === 0
        ? 'Give the folder of images: promptlabel eval photos/ --model grounding-dino --classes dog ...'
        : `eval takes one images folder; got ${folders.length} paths.`,
    )
  }
  const out = nonEmptyPath('--out', values.out)
  const dataDir = nonEmptyPath('--data-dir', values['data-dir'])
  if (out !== undefined && dataDir !== undefined && values.profile === undefined) {
    throw new UsageError(
      '--data-dir says where the app keeps its project for the folder; with --out it has no use.',
    )
  }
  const iou = readNumber('--iou', values.iou) ?? 0.5
  if (!(iou > 0 && iou <= 1)) {
    throw new UsageError(`--iou must be above 0 and at most 1 (COCO uses 0.5); got ${values.iou}.`)
  }
  // With --server, --data-dir only locates the app's project: the saved profiles stay unread.
  const session = readSessionFlags(
    values.profile === undefined ? { ...values, 'data-dir': undefined } : values,
  )
  return {
    folder: folders[0] as string,
    out,
    appDataDir: dataDir,
    truth: nonEmptyPath('--truth', values.truth),
    iou,
    ...session,
    ...readModelFlags(values),
    concurrency: readConcurrency(values.concurrency),
    maxUploadSide: readUploadSide(values['max-upload-side']),
    json: values.json ?? false,
    verbose: values.verbose ?? false,
  }
}
