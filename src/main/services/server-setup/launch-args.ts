import { stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { LaunchTarget } from '../../../shared/server-setup'
import { isImagePath } from '../batch/folder-scan'
import { PROJECT_FILE } from '../projects/project-file'

async function kindOf(path: string): Promise<'file' | 'dir' | null> {
  const info = await stat(path).catch(() => null)
  if (info === null) return null
  return info.isDirectory() ? 'dir' : info.isFile() ? 'file' : null
}

/**
 * The first argument that names something the app opens: a project folder (or its project file),
 * a folder of images, or one image (its folder is opened). Flags and unknown paths are skipped.
 */
export async function resolveLaunchTarget(
  args: readonly string[],
  cwd = process.cwd(),
): Promise<LaunchTarget | null> {
  for (const arg of args) {
    if (arg === '' || arg.startsWith('-')) continue
    const path = resolve(cwd, arg)
    const kind = await kindOf(path)
    if (kind === 'dir') {
      const isProject = (await kindOf(join(path, PROJECT_FILE))) === 'file'
      return { path, kind: isProject ? 'project' : 'folder', dir: path }
    }
    if (kind === 'file' && basename(path) === PROJECT_FILE)
      return { path, kind: 'project', dir: dirname(path) }
    if (kind === 'file' && isImagePath(path)) return { path, kind: 'image', dir: dirname(path) }
  }
  return null
}
