import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UsageError } from './errors'
import type { ModelFlags } from './model-args'

export interface DetectOptions extends ModelFlags {
  /** Image paths exactly as given, so the output names them the way the user typed them. */
  images: string[]
  servers: string[]
  profile: string | undefined
  dataDir: string | undefined
  maxUploadSide: number | undefined
  json: boolean
  verbose: boolean
}

export type Command =
  { name: 'help' } | { name: 'version' } | { name: 'detect'; options: DetectOptions }

const OPTIONS = {
  server: { type: 'string', multiple: true },
  profile: { type: 'string' },
  'data-dir': { type: 'string' },
  model: { type: 'string', short: 'm' },
  classes: { type: 'string', multiple: true },
  prompt: { type: 'string', multiple: true },
  examples: { type: 'string' },
  confidence: { type: 'string' },
  overlap: { type: 'string' },
  'box-threshold': { type: 'string' },
  'text-threshold': { type: 'string' },
  'max-upload-side': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} satisfies ParseArgsConfig['options']

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

/** Reads a number flag; the range is checked where its meaning is known. */
function readNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${flag} needs a number; got "${text}".`)
  }
  return value
}

function readUploadSide(text: string | undefined): number | undefined {
  const value = readNumber('--max-upload-side', text)
  if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 20_000)) {
    throw new UsageError(
      `--max-upload-side must be a whole number of pixels from 0 (off) to 20000; got ${text}.`,
    )
  }
  return value
}

/** Parses argv (without node and the script) into a command; throws UsageError on any mistake. */
export function parseCommand(argv: string[]): Command {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(describeParseError(error))
  }
  const { values, positionals } = parsed
  const [command, ...images] = positionals
  if (values.help || command === 'help') return { name: 'help' }
  if (values.version) return { name: 'version' }
  if (command === undefined)
    throw new UsageError('Missing the command: promptlabel detect <image>...')
  if (command !== 'detect') {
    throw new UsageError(`Unknown command "${command}". The command is "detect".`)
  }
  if (images.length === 0)
    throw new UsageError('Give at least one image: promptlabel detect photo.jpg ...')
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
  return {
    name: 'detect',
    options: {
      images,
      servers,
      profile: values.profile,
      dataDir: values['data-dir'],
      model: values.model,
      classes: values.classes ?? [],
      prompts: values.prompt ?? [],
      examples: values.examples,
      confidence: readNumber('--confidence', values.confidence),
      overlap: readNumber('--overlap', values.overlap),
      boxThreshold: readNumber('--box-threshold', values['box-threshold']),
      textThreshold: readNumber('--text-threshold', values['text-threshold']),
      maxUploadSide: readUploadSide(values['max-upload-side']),
      json: values.json ?? false,
      verbose: values.verbose ?? false,
    },
  }
}
