import { readAnnotateOptions, type AnnotateOptions } from './annotate-args'
import {
  checkFlagsFor,
  COMMANDS,
  parseFlags,
  readModelFlags,
  readSessionFlags,
  type CommandName,
  type ParsedValues,
  type SessionFlags,
} from './command-flags'
import { UsageError } from './errors'
import { readEvalOptions, type EvalOptions } from './eval-args'
import { readUploadSide } from './flag-values'
import { readImportOptions, type ImportOptions } from './import-args'
import type { ModelFlags } from './model-args'

export type { SessionFlags } from './command-flags'
export type { AnnotateOptions } from './annotate-args'
export type { ImportOptions } from './import-args'
export type { EvalOptions } from './eval-args'

export interface DetectOptions extends ModelFlags, SessionFlags {
  /** Image paths exactly as given, so the output names them the way the user typed them. */
  images: string[]
  maxUploadSide: number | undefined
  json: boolean
  verbose: boolean
}

export interface ValidateOptions {
  file: string
  json: boolean
}

/** Commands with a help text of their own; detect's is the main one. */
export type HelpTopic = 'annotate' | 'import' | 'eval' | 'validate'

export type Command =
  | { name: 'help'; topic?: HelpTopic }
  | { name: 'version' }
  | { name: 'detect'; options: DetectOptions }
  | { name: 'annotate'; options: AnnotateOptions }
  | { name: 'import'; options: ImportOptions }
  | { name: 'eval'; options: EvalOptions }
  | { name: 'validate'; options: ValidateOptions }

const isCommand = (name: string | undefined): name is CommandName =>
  COMMANDS.includes(name as CommandName)

function helpFor(name: string | undefined): Command {
  return name === 'annotate' || name === 'import' || name === 'eval' || name === 'validate'
    ? { name: 'help', topic: name }
    : { name: 'help' }
}

function readDetect(values: ParsedValues, images: string[]): DetectOptions {
  if (images.length === 0)
    throw new UsageError('Give at least one image: promptlabel detect photo.jpg ...')
  return {
    images,
    ...readSessionFlags(values),
    ...readModelFlags(values),
    maxUploadSide: readUploadSide(values['max-upload-side']),
    json: values.json ?? false,
    verbose: values.verbose ?? false,
  }
}

function readValidate(values: ParsedValues, files: string[]): ValidateOptions {
  if (files.length !== 1) {
    throw new UsageError(
      files.length === 0
        ? 'Give the COCO file to check: promptlabel validate annotations.json'
        : `validate checks one file at a time; got ${files.length}.`,
    )
  }
  return { file: files[0] as string, json: values.json ?? false }
}

/** Parses argv (without node and the script) into a command; throws UsageError on any mistake. */
export function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseFlags(argv)
  const [command, ...rest] = positionals
  if (command === 'help') return helpFor(rest[0])
  if (values.help) return helpFor(command)
  if (values.version) return { name: 'version' }
  if (command === undefined) {
    throw new UsageError(
      'Missing the command: promptlabel detect <image>..., annotate <folder>, import <folder>, eval <folder> or validate <coco.json>.',
    )
  }
  if (!isCommand(command)) {
    throw new UsageError(
      `Unknown command "${command}". The commands are detect, annotate, import, eval and validate.`,
    )
  }
  checkFlagsFor(command, values)
  switch (command) {
    case 'detect':
      return { name: 'detect', options: readDetect(values, rest) }
    case 'annotate':
      return { name: 'annotate', options: readAnnotateOptions(values, rest) }
    case 'import':
      return { name: 'import', options: readImportOptions(values, rest) }
    case 'eval':
      return { name: 'eval', options: readEvalOptions(values, rest) }
    case 'validate':
      return { name: 'validate', options: readValidate(values, rest) }
  }
}
