import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../../../shared/errors'

/** A folder export being built next to its target; nothing appears at the target until commit. */
export interface StagingFolder {
  /** The temporary folder to write into. */
  readonly dir: string
  /** Writes a file at a '/'-separated path inside the staging folder. */
  write(relativePath: string, data: string | Uint8Array): Promise<void>
  /** Moves the finished folder into place (replacing the old one only when allowed). */
  commit(): Promise<void>
  /** Removes the staging folder; safe to call after commit or twice. */
  discard(): Promise<void>
}

/** What is at the target now: nothing, an empty folder, or something in the way. */
async function targetState(target: string): Promise<'absent' | 'empty' | 'full'> {
  try {
    return (await readdir(target)).length === 0 ? 'empty' : 'full'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'absent'
    if (code === 'ENOTDIR') return 'full'
    throw error
  }
}

/** Refuses early when the target holds files and replacing them was not asked for. */
export async function checkFolderTarget(target: string, overwrite: boolean): Promise<void> {
  if (!overwrite && (await targetState(target)) === 'full') {
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
  await mkdir(dir, { recursive: true })
  const discard = (): Promise<void> => rm(dir, { recursive: true, force: true })
  return {
    dir,
    async write(relativePath, data) {
      const path = join(dir, ...relativePath.split('/'))
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, data)
    },
    async commit() {
      const state = await targetState(target)
      if (state === 'full' && !overwrite) await checkFolderTarget(target, false)
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
