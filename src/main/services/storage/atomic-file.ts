import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { z } from 'zod'
import { AppError } from '../../../shared/errors'
import { asWriteError } from './file-errors'

/**
 * Writes a file atomically: a temp file in the same folder, fsync, then rename over the target. The
 * app's own files stay private (0600); a file the user shares asks for `mode: 0o666`, which the OS
 * narrows by the umask (0644 under the usual 022). A failure names the target, never the temp file.
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(dirname(path), { recursive: true })
    const handle = await open(temp, 'w', options.mode ?? 0o600)
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined)
    throw asWriteError(error, path)
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}

/**
 * Reads and validates a JSON file; `null` when it does not exist. A file that is not JSON or does
 * not match the schema is reported (never overwritten silently) as `storage-corrupt`.
 */
export async function readJsonValidated<S extends z.ZodType>(
  path: string,
  schema: S,
  what: string,
): Promise<z.output<S> | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw new AppError('file-unreadable', `Could not read the ${what} file ${path}.`, {
      cause: error,
    })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new AppError(
      'storage-corrupt',
      `The ${what} file ${path} is not valid JSON; it was left as it is.`,
      {
        hint: 'Fix or move the file away, then restart.',
        cause: error,
      },
    )
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new AppError(
      'storage-corrupt',
      `The ${what} file ${path} is not in the expected form (${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}); it was left as it is.`,
      { hint: 'Fix or move the file away, then restart.' },
    )
  }
  return parsed.data
}
