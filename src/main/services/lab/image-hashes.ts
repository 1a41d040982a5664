import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { AppError } from '../../../shared/errors'
import type { AnswerCache, FileFacts } from './answer-cache'

/** SHA-256 of a file's bytes, streamed. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')))
  })
}

async function factsOf(path: string): Promise<FileFacts | null> {
  const info = await stat(path).catch(() => null)
  return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : null
}

/**
 * Image content hashes, the part of every cache key that says which pixels were asked about. A
 * hash is remembered in the cache file with the file's size and modification time, so a file is
 * read again only when it changed (or was never hashed).
 */
export class ImageHashes {
  readonly #cache: AnswerCache
  readonly #pending = new Map<string, Promise<string>>()
  readonly #warn: (message: string, fields: Record<string, unknown>) => void

  constructor(
    cache: AnswerCache,
    warn: (message: string, fields: Record<string, unknown>) => void,
  ) {
    this.#cache = cache
    this.#warn = warn
  }

  /** The hash of a file as it is now, if one is known for it; never reads the file. */
  async known(path: string): Promise<string | null> {
    const facts = await factsOf(path)
    return facts === null ? null : (this.#cache.hashOf(path, facts) ?? null)
  }

  /** The hash of a file as it is now, reading it when it is not known; AppError when unreadable. */
  hash(path: string): Promise<string> {
    const pending = this.#pending.get(path)
    if (pending !== undefined) return pending
    const made = this.#hash(path).finally(() => this.#pending.delete(path))
    this.#pending.set(path, made)
    return made
  }

  async #hash(path: string): Promise<string> {
    const facts = await factsOf(path)
    if (facts === null) throw unreadable(path)
    const known = this.#cache.hashOf(path, facts)
    if (known !== undefined) return known
    const sha = await hashFile(path).catch((error: unknown) => {
      throw unreadable(path, error)
    })
    // Changed while it was read: this hash belongs to no state of the file worth remembering.
    const after = await factsOf(path)
    if (after?.size === facts.size && after.mtimeMs === facts.mtimeMs) {
      this.#cache.rememberHash(path, facts, sha, (error) =>
        this.#warn('an image hash could not be written to the prompt lab cache', {
          error: error instanceof Error ? error.message : String(error),
        }),
      )
    }
    return sha
  }
}

function unreadable(path: string, cause?: unknown): AppError {
  return new AppError('file-unreadable', `Could not read the image ${path}.`, { cause })
}
