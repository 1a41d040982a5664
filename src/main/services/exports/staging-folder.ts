import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { AppError } from '../../../shared/errors'
import { asWriteError } from '../storage/file-errors'

/** A folder export being built next to its target; nothing appears at the target until commit. */
export interface StagingFolder {
  /** The temporary folder to write into. */
  readonly dir: string
  /** Writes a file at a '/'-separated path inside the staging folder. */
  write(relativePath: string, data: string | Uint8Array): Promise<void>
  /** Copies a file there; a failure to read `source` is thrown as it came (the caller names the image). */
  copy(relativePath: string, source: string): Promise<void>
  /** Moves the finished folder into place (replacing the old one only when allowed). */
  commit(): Promise<void>
  /** Removes the staging folder; safe to call after commit or twice. */
  discard(): Promise<void>
}

/** What is at the target now: nothing, an empty folder, a file, or a folder with files. */
async function targetState(target: string): Promise<'absent' | 'empty' | 'file' | 'full'> {
  try {
    return (await readdir(target)).length === 0 ? 'empty' : 'full'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'absent'
    if (code === 'ENOTDIR') return 'file'
    throw error
  }
}

/** Refuses early when the target holds files and replacing them was not asked for. */
export async function checkFolderTarget(target: string, overwrite: boolean): Promise<void> {
  const state = await targetState(target)
  if (state === 'file') {
    throw new AppError(
      'invalid-input',
      `${target} is a file, and this export writes a folder: choose a new or empty folder.`,
    )
  }
  if (!overwrite && state === 'full') {
    throw new AppError(
      'invalid-input',
      `The folder ${basename(target)} is not empty; choose an empty or new folder.`,
      {
        hint: 'Or choose to replace its contents.',
      },
    )
  }
}

/**
 * Starts a staging folder beside `target` (same disk, so the final move is a rename): a cancelled
 * or failed export removes it and leaves no half-written folder behind.
 */
export async function createStagingFolder(
  target: string,
  overwrite: boolean,
): Promise<StagingFolder> {
  await checkFolderTarget(target, overwrite)
  const suffix = randomBytes(6).toString('hex')
  const dir = join(dirname(target), `.${basename(target)}.partial-${suffix}`)
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw asWriteError(error, target)
  })
  const discard = (): Promise<void> => rm(dir, { recursive: true, force: true })
  /** Files and folders are created with the default modes (0666, 0777), so the umask decides. */
  const place = async (
    relativePath: string,
    fill: (path: string) => Promise<void>,
    source = '',
  ) => {
    const path = join(dir, ...relativePath.split('/'))
    try {
      await mkdir(dirname(path), { recursive: true })
      await fill(path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).path === source) throw error
      throw asWriteError(error, join(target, ...relativePath.split('/')))
    }
  }
  return {
    dir,
    write: (relativePath, data) => place(relativePath, (path) => writeFile(path, data)),
    async copy(relativePath, source) {
      // A stream, not copyFile: copyFile gives the copy the source's mode, ignoring the umask.
      const input = createReadStream(source)
      try {
        // Opened first: a missing or unreadable source is the image's problem, not the target's.
        await once(input, 'open')
        await place(relativePath, (path) => pipeline(input, createWriteStream(path)), source)
      } finally {
        input.destroy()
      }
    },
    async commit() {
      const state = await targetState(target)
      if ((state === 'full' && !overwrite) || state === 'file')
        await checkFolderTarget(target, overwrite)
      if (state === 'empty') await rmdir(target)
      if (state !== 'full') return rename(dir, target)
      const old = join(dirname(target), `.${basename(target)}.replaced-${suffix}`)
      await rename(target, old)
      try {
        await rename(dir, target)
      } catch (error) {
        await rename(old, target)
        throw error
      }
      await rm(old, { recursive: true, force: true })
    },
    discard,
  }
}
