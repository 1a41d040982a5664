import { opendir } from 'node:fs/promises'
import { extname, join, relative, sep } from 'node:path'
import type { ScanReport } from '../../../shared/batch'

export type { ScanReport }

/** Extensions the app opens (sharp decodes all but BMP, which has its own small decoder). */
export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff', '.bmp'])

export interface ScannedFile {
  path: string
  /** Path relative to the scanned root with `/` separators: the image's stable key in a project. */
  key: string
}

export function isImagePath(path: string): boolean {
  return IMAGE_EXTENSIONS.has(extname(path).toLowerCase())
}

/**
 * Walks a folder tree lazily, yielding images as they are found so the first ones can be shown and
 * sent while the rest is still being listed. Hidden entries are skipped, folder links are not
 * followed (no cycles), and an unreadable folder is reported, never fatal.
 */
export async function* scanFolder(root: string, report: ScanReport): AsyncGenerator<ScannedFile> {
  const pending = [root]
  while (pending.length > 0) {
    const dir = pending.shift()!
    let handle
    try {
      handle = await opendir(dir, { bufferSize: 256 })
    } catch (error) {
      report.unreadableFolders.push({
        path: dir,
        reason: (error as NodeJS.ErrnoException).code ?? 'unreadable',
      })
      continue
    }
    const files: string[] = []
    const folders: string[] = []
    for await (const entry of handle) {
      if (entry.name.startsWith('.')) continue
      if (entry.isDirectory()) folders.push(entry.name)
      else if (entry.isFile() || entry.isSymbolicLink()) {
        if (isImagePath(entry.name)) files.push(entry.name)
        else report.otherFiles++
      }
    }
    files.sort(compareNames)
    for (const name of files) {
      const path = join(dir, name)
      report.images++
      yield { path, key: relative(root, path).split(sep).join('/') }
    }
    pending.unshift(...folders.sort(compareNames).map((name) => join(dir, name)))
  }
}

/** Natural order, so img2 comes before img10; one collator, since localeCompare builds one per call. */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
const compareNames = (a: string, b: string): number => collator.compare(a, b)
