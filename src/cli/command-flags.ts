import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './errors'
import { readNumber, readTimeoutMs } from './flag-values'
import type { ModelFlags } from './model-args'

/** Every flag of every command: parsed once, then checked against the command (checkFlagsFor). */
const OPTIONS = {
  server: { type: 'string', multiple: true },
  profile: { type: 'string' },
  'data-dir': { type: 'string' },
  timeout: { type: 'string' },
  model: { type: 'string', short: 'm' },
  classes: { type: 'string', multiple: true },
  prompt: { type: 'string', multiple: true },
  examples: { type: 'string' },
  confidence: { type: 'string' },
  overlap: { type: 'string' },
  'box-threshold': { type: 'string' },
  'text-threshold': { type: 'string' },
  'max-upload-side': { type: 'string' },
  out: { type: 'string', short: 'o' },
  concurrency: { type: 'string' },
  'only-new': { type: 'boolean' },
  'retry-failed': { type: 'boolean' },
  'export-coco': { type: 'string' },
  'export-annotated': { type: 'string' },
  overwrite: { type: 'boolean' },
  coco: { type: 'string' },
  yolo: { type: 'string' },
  replace: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  truth: { type: 'string' },
  iou: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} satisfies ParseArgsConfig['options']

type FlagName = keyof typeof OPTIONS

const parse = (args: string[]) =>
  parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true })

export type ParsedValues = ReturnType<typeof parse>['values']

export type CommandName = 'detect' | 'annotate' | 'import' | 'eval' | 'validate'
export const COMMANDS: readonly CommandName[] = ['detect', 'annotate', 'import', 'eval', 'validate']

const ANYWHERE: FlagName[] = ['help', 'version', 'json']
const SERVER_AND_MODEL: FlagName[] = [
  'server',
  'profile',
  'data-dir',
  'timeout',
  'model',
  'classes',
  'prompt',
  'examples',
  'confidence',
  'overlap',
  'box-threshold',
  'text-threshold',
  'max-upload-side',
  'verbose',
]
const ACCEPTED: Record<CommandName, FlagName[]> = {
  detect: [...ANYWHERE, ...SERVER_AND_MODEL],
  annotate: [
    ...ANYWHERE,
    ...SERVER_AND_MODEL,
    'out',
    'concurrency',
    'only-new',
    'retry-failed',
    'export-coco',
    'export-annotated',
    'overwrite',
  ],
  import: [...ANYWHERE, 'coco', 'yolo', 'out', 'data-dir', 'replace', 'dry-run'],
  eval: [...ANYWHERE, ...SERVER_AND_MODEL, 'out', 'truth', 'iou', 'concurrency'],
  validate: ANYWHERE,
}

/** Rewords node:util's parse errors (which suggest `--` tricks) into one plain sentence. */
function describeParseError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: string }).code
  const option = /'(-[^' ]+)/.exec(text)?.[1]
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Unknown option ${option ?? text}.`
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/argument missing|ambiguous/i.test(text)) {
      return `${option ?? 'An option'} needs a value (write --option=-1 for a value that starts with "-").`
    }
    return `${option ?? 'An option'} does not take a value.`
  }
  return text
}

/** Parses argv with every known flag; a flag that no command knows is a UsageError. */
export function parseFlags(argv: string[]): { values: ParsedValues; positionals: string[] } {
  try {
    return parse(argv)
  } catch (error) {
    throw new UsageError(describeParseError(error))
  }
}

/** Names a flag given to a command that does not take it, and the command that does. */
export function checkFlagsFor(command: CommandName, values: ParsedValues): void {
  for (const flag of Object.keys(values) as FlagName[]) {
    if (values[flag] === undefined || ACCEPTED[command].includes(flag)) continue
    const owners = COMMANDS.filter((name) => ACCEPTED[name].includes(flag))
    throw new UsageError(
      `--${flag} is not an option of "promptlabel ${command}"${owners.length > 0 ? ` (it belongs to ${owners.join(', ')})` : ''}.`,
    )
  }
}

/** Where the server comes from: a throwaway profile for --server, or one saved in the app. */
export interface SessionFlags {
  servers: string[]
  profile: string | undefined
  dataDir: string | undefined
  /** Per-request timeout (ms) of the --server profile; a saved profile keeps its own. */
  timeoutMs: number | undefined
}

/** Reads --server / --profile / --data-dir / --timeout, insisting on exactly one server source. */
export function readSessionFlags(values: ParsedValues): SessionFlags {
  const servers = values.server ?? []
  if (servers.length > 0 && values.profile !== undefined) {
    throw new UsageError('Use either --server or --profile, not both.')
  }
  if (servers.length === 0 && values.profile === undefined) {
    throw new UsageError('Say which server to use: --server <url> or --profile <name>.')
  }
  if (servers.length > 0 && values['data-dir'] !== undefined) {
    throw new UsageError(
      '--data-dir only applies with --profile (--server never reads saved profiles).',
    )
  }
  if (values.profile !== undefined && values.timeout !== undefined) {
    throw new UsageError(
      '--timeout only applies with --server; a saved profile keeps its own request timeout (change it in the app).',
    )
  }
  return {
    servers,
    profile: values.profile,
    dataDir: values['data-dir'],
    timeoutMs: readTimeoutMs(values.timeout),
  }
}

/** The model flags as typed, numbers read but not yet checked against the model (planModel does). */
export function readModelFlags(values: ParsedValues): ModelFlags {
  return {
    model: values.model,
    classes: values.classes ?? [],
    prompts: values.prompt ?? [],
    examples: values.examples,
    confidence: readNumber('--confidence', values.confidence),
    overlap: readNumber('--overlap', values.overlap),
    boxThreshold: readNumber('--box-threshold', values['box-threshold']),
    textThreshold: readNumber('--text-threshold', values['text-threshold']),
  }
}
