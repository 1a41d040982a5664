import { stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { defaultExportName } from '../../../shared/export-names'
import { AppError } from '../../../shared/errors'

/** What is at a path: nothing (or nothing that could be: a file on the way), a folder, a file. */
async function kindOf(path: string): Promise<'absent' | 'folder' | 'file'> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file'
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // The write that follows says what is wrong with the path, naming the file asked for.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'absent'
    throw error
  }
}

/**
 * The file a one-file export (COCO) writes. "Save as" naming a folder (an existing one, or any path
 * ending in a separator) means inside it, under the default name, and the summary says so; a file
 * of that name already there is kept unless replacing was asked for, since the user never saw it.
 */
export async function resolveFileTarget(
  target: string,
  imagesDir: string,
  overwrite: boolean,
): Promise<{ path: string; warnings: string[] }> {
  if (!/[\\/]$/.test(target) && (await kindOf(target)) !== 'folder') {
    return { path: target, warnings: [] }
  }
  const name = defaultExportName(basename(imagesDir), 'coco', false)
  const path = join(target, name)
  const there = await kindOf(path)
  if (there === 'folder') {
    throw new AppError(
      'invalid-input',
      `${path} is a folder.\nType the name of the file to write, ending in .json.`,
    )
  }
  if (there === 'file' && !overwrite) {
    throw new AppError(
      'invalid-input',
      `${path} already exists.\nTick “Replace what is already there”, or type another file name.`,
    )
  }
  return {
    path,
    warnings: [`“Save as” named a folder, so the file was written inside it as ${name}.`],
  }
}
