import { stat } from 'node:fs/promises'
import { prepareUpload, type PreparedUpload, type UploadOptions } from '../images'

export interface UploadCache {
  /** Prepares an upload; `keep` stores it, otherwise a stored one is reused but nothing is added. */
  prepare(path: string, options: UploadOptions, keep: boolean): Promise<PreparedUpload>
}

/**
 * Keeps recent reference uploads (OWLv2, §1.5 caching): the same file at the same settings gives the
 * same bytes, so the server's embedding cache hits and no re-encode is needed. Keyed by the file's
 * size and modification time too, so an edited file is prepared again. Query images are not kept,
 * so a batch does not push references out.
 */
export function createUploadCache(
  limit = 12,
  prepare: (path: string, options: UploadOptions) => Promise<PreparedUpload> = prepareUpload,
): UploadCache {
  const entries = new Map<string, Promise<PreparedUpload>>()
  return {
    async prepare(path, options, keep) {
      const facts = await stat(path).catch(() => null)
      if (facts === null) return prepare(path, options)
      const key = JSON.stringify([
        path,
        facts.size,
        facts.mtimeMs,
        options.maxSide,
        options.maxBytes ?? 0,
      ])
      const stored = entries.get(key)
      if (stored !== undefined) {
        entries.delete(key)
        entries.set(key, stored)
        return stored
      }
      const made = prepare(path, options)
      if (!keep) return made
      entries.set(key, made)
      made.catch(() => entries.delete(key))
      if (entries.size > limit) entries.delete(entries.keys().next().value as string)
      return made
    },
  }
}
