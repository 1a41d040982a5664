import type { ImageAnnotations } from '../../../shared/annotations'
import { truthOf, type TruthImage } from './truth'

/** What the truth index reads of an open project. */
export interface TruthSource {
  /** Every image key, in folder order, once the folder is listed. */
  keys(): Promise<readonly string[]>
  /** The image's document, or null when it has none; throws when it cannot be read. */
  read(key: string): Promise<ImageAnnotations | null>
  warn(message: string, fields: Record<string, unknown>): void
}

/** Documents read at once while the index is first built. */
const READ_AHEAD = 16

/**
 * A project's truth set in memory: built once by reading every image's document, then kept up to
 * date from the project's image status changes (one document read per change), so asking for the
 * truth of a 10,000-image project does not read 10,000 files each time. A read started before a
 * later change of the same image never overwrites what that change read.
 */
export class TruthIndex {
  readonly #source: TruthSource
  readonly #images = new Map<string, TruthImage>()
  readonly #generation = new Map<string, number>()
  readonly #pending = new Set<Promise<void>>()
  #keys: string[] = []
  #known = new Set<string>()
  readonly #built: Promise<void>

  constructor(source: TruthSource) {
    this.#source = source
    this.#built = this.#build()
  }

  async #build(): Promise<void> {
    this.#keys = [...(await this.#source.keys())]
    this.#known = new Set(this.#keys)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < this.#keys.length) await this.#load(this.#keys[next++]!)
    }
    await Promise.all(Array.from({ length: READ_AHEAD }, worker))
  }

  async #load(key: string): Promise<void> {
    const generation = this.#generation.get(key) ?? 0
    let truth: TruthImage | null = null
    try {
      const doc = await this.#source.read(key)
      truth = doc === null ? null : truthOf(doc)
    } catch (error) {
      this.#source.warn('an annotations file could not be read for the truth set', {
        key,
        error: error instanceof Error ? error.message : String(error),
      })
    }
    if ((this.#generation.get(key) ?? 0) !== generation) return
    if (truth === null) this.#images.delete(key)
    else this.#images.set(key, truth)
  }

  /**
   * An image's status changed: its document is read again. The status alone does not decide, since
   * a failed request on a reviewed image says 'failed' while its document is still reviewed.
   */
  changed(key: string): void {
    this.#generation.set(key, (this.#generation.get(key) ?? 0) + 1)
    if (!this.#known.has(key)) {
      this.#known.add(key)
      this.#keys.push(key)
    }
    const read: Promise<void> = this.#built
      .then(() => this.#load(key))
      .finally(() => this.#pending.delete(read))
    this.#pending.add(read)
  }

  /** The truth images in folder order, once every change made so far is read. */
  async images(): Promise<TruthImage[]> {
    await this.#built
    while (this.#pending.size > 0) await Promise.all([...this.#pending])
    const images: TruthImage[] = []
    for (const key of this.#keys) {
      const image = this.#images.get(key)
      if (image !== undefined) images.push(image)
    }
    return images
  }
}
