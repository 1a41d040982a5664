import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseCommand } from './args'
import { runAnnotate } from './annotate'
import { runDetect } from './detect'
import { FatalError, UsageError } from './errors'
import { runEval } from './eval'
import { runImport } from './import'
import { processIo, redactingIo, type CliIo } from './io'
import { CLI_VERSION, usageText } from './usage'
import { runValidate } from './validate'

export type { CliIo } from './io'

/** Reports what stopped the run; anything unexpected is one line, never a stack with a key in it. */
function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`promptlabel: ${error.message}\nRun "promptlabel --help" to see the options.\n`)
    return 1
  }
  if (error instanceof FatalError) {
    io.stderr(`promptlabel: ${error.message}\n`)
    for (const line of error.details) io.stderr(`  ${line}\n`)
    if (error.hint !== undefined) io.stderr(`Hint: ${error.hint}\n`)
    return 1
  }
  io.stderr(
    `promptlabel: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`,
  )
  return 1
}

/**
 * The command line: `promptlabel detect <image>...`, `annotate <folder>`, `import <folder>`,
 * `eval <folder>`, `validate <coco.json>`. Returns the exit code rather than exiting, so
 * tests run it in-process with their own writers and environment.
 */
export async function main(argv: string[], io?: CliIo): Promise<number> {
  const owned = io === undefined ? processIo() : null
  const base = io ?? (owned as CliIo)
  const apiKey = base.env['ROBOFLOW_API_KEY']?.trim() || null
  const safe = redactingIo(base, apiKey === null ? [] : [apiKey])
  try {
    const command = parseCommand(argv)
    switch (command.name) {
      case 'help':
        safe.stdout(usageText(command.topic))
        return 0
      case 'version':
        safe.stdout(`promptlabel ${CLI_VERSION}\n`)
        return 0
      case 'detect':
        return await runDetect(command.options, safe, apiKey)
      case 'annotate':
        return await runAnnotate(command.options, safe, apiKey)
      case 'import':
        return await runImport(command.options, safe)
      case 'eval':
        return await runEval(command.options, safe, apiKey)
    }
    return await runValidate(command.options, safe)
  } catch (error) {
    return report(error, safe)
  } finally {
    owned?.dispose()
  }
}

/** `node out/main/cli.js …` works too; imported by bin/promptlabel.js it stays quiet. */
function isEntryScript(): boolean {
  const script = process.argv[1]
  if (script === undefined) return false
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryScript()) process.exitCode = await main(process.argv.slice(2))
