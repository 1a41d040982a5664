import { readFile } from 'node:fs/promises'
import { validateCoco } from '../main/services/exports'
import type { ValidateOptions } from './args'
import { FatalError } from './errors'
import type { CliIo } from './io'
import { formatValidation } from './validate-report'

export const EXIT_INVALID = 2

async function readJson(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new FatalError(`${path} does not exist.`)
    if (code === 'EISDIR') throw new FatalError(`${path} is a folder; give a COCO .json file.`)
    throw new FatalError(`Could not read ${path} (${code ?? 'unreadable'}).`)
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new FatalError(`${path} is not JSON: ${(error as Error).message}`)
  }
}

/**
 * `promptlabel validate <file.json>`: the export pre-flight check on any COCO file, so a dataset
 * from another tool can be checked before a training run finds out. 0 valid, 2 problems, 1 unreadable.
 */
export async function runValidate(options: ValidateOptions, io: CliIo): Promise<number> {
  const json = await readJson(options.file)
  const result = validateCoco(json)
  io.stdout(
    options.json ? `${JSON.stringify(result)}\n` : formatValidation(options.file, json, result),
  )
  return result.ok ? 0 : EXIT_INVALID
}
