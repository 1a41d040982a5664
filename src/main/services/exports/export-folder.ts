import { constants } from 'node:fs'
import { access, realpath, stat } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'

/** The places the proposal may fall back to, and the app's own folders it must never propose. */
export interface ExportPlaces {
  /** Folders that belong to the app (its bundled resources, its data folder). */
  appDirs: readonly string[]
  documentsDir: string
  homeDir: string
}

/** The real path when it exists (symlinks resolved), else the path as given, absolute. */
const canonical = (path: string): Promise<string> => realpath(path).catch(() => resolve(path))

async function isWritableFolder(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isDirectory()) return false
    await access(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * Where an export of `imagesDir` should go unless the user says otherwise: beside the images
 * folder when the user can write there and it is not the app's own (the bundled samples live in
 * the app's resources), else the Documents folder, else the home folder.
 */
export async function proposeExportFolder(
  imagesDir: string,
  places: ExportPlaces,
): Promise<string> {
  const parent = dirname(resolve(imagesDir))
  const real = await canonical(parent)
  const appDirs = await Promise.all(places.appDirs.map(canonical))
  if (!appDirs.some((dir) => isInside(real, dir)) && (await isWritableFolder(parent))) return parent
  if (await isWritableFolder(places.documentsDir)) return places.documentsDir
  return places.homeDir
}

/** Documents under the home folder, where the desktop does not say otherwise. */
export const defaultDocumentsDir = (homeDir: string): string => join(homeDir, 'Documents')
