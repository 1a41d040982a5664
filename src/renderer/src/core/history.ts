import { applyPatch, diffLists, isEmptyPatch, type Patch } from './document/patch'

/** 50 MB of estimated undo data across all images, then the oldest steps go first. */
export const DEFAULT_HISTORY_BUDGET = 50 * 1024 * 1024

/** Steps tagged alike within this window merge into one (a burst of arrow-key nudges). */
export const COALESCE_MS = 1000

export interface HistoryStep<T> {
  label: string
  patch: Patch<T>
  bytes: number
  /** Global order of recording, for evicting the oldest step of any image first. */
  seq: number
  at: number
  coalesce: string | null
}

interface Stacks<T> {
  undo: HistoryStep<T>[]
  redo: HistoryStep<T>[]
}

export interface RecordOptions {
  /** Steps with the same tag recorded within COALESCE_MS become one step. */
  coalesce?: string
  now?: number
}

/** What undo or redo produced: the list to show and the step's name ("Move box"). */
export interface Travel<T> {
  items: T[]
  label: string
}

/**
 * Undo and redo per image key, kept while the user moves between images; one step per gesture or
 * command, bounded only by an estimated memory budget shared by all images.
 */
export class HistoryStore<T extends { id: string }> {
  readonly #stacks = new Map<string, Stacks<T>>()
  readonly #budget: number
  readonly #sizeOf: (item: T) => number
  #bytes = 0
  #seq = 0

  constructor(sizeOf: (item: T) => number, budget = DEFAULT_HISTORY_BUDGET) {
    this.#sizeOf = sizeOf
    this.#budget = budget
  }

  /** Estimated bytes held by every image's steps. */
  get bytes(): number {
    return this.#bytes
  }

  /** Records the change from `before` to `after` on `key`; returns false when nothing changed. */
  record(
    key: string,
    label: string,
    before: readonly T[],
    after: readonly T[],
    options: RecordOptions = {},
  ): boolean {
    const now = options.now ?? Date.now()
    const stacks = this.#get(key)
    const last = stacks.undo.at(-1)
    const coalesce = options.coalesce ?? null
    let patch = diffLists(before, after)
    if (isEmptyPatch(patch)) return false
    const fresh = stacks.redo.length === 0
    this.#clearRedo(stacks)
    if (
      fresh &&
      last &&
      coalesce !== null &&
      last.coalesce === coalesce &&
      now - last.at < COALESCE_MS
    ) {
      stacks.undo.pop()
      this.#bytes -= last.bytes
      patch = diffLists(applyPatch(before, last.patch, 'undo'), after)
      if (isEmptyPatch(patch)) return true
    }
    const step: HistoryStep<T> = {
      label,
      patch,
      bytes: this.#estimate(patch),
      seq: ++this.#seq,
      at: now,
      coalesce,
    }
    stacks.undo.push(step)
    this.#bytes += step.bytes
    this.#evict(step)
    return true
  }

  undo(key: string, current: readonly T[]): Travel<T> | null {
    const stacks = this.#stacks.get(key)
    const step = stacks?.undo.pop()
    if (!stacks || !step) return null
    stacks.redo.push({ ...step, coalesce: null })
    return { items: applyPatch(current, step.patch, 'undo'), label: step.label }
  }

  redo(key: string, current: readonly T[]): Travel<T> | null {
    const stacks = this.#stacks.get(key)
    const step = stacks?.redo.pop()
    if (!stacks || !step) return null
    stacks.undo.push(step)
    return { items: applyPatch(current, step.patch, 'redo'), label: step.label }
  }

  canUndo(key: string): boolean {
    return (this.#stacks.get(key)?.undo.length ?? 0) > 0
  }

  canRedo(key: string): boolean {
    return (this.#stacks.get(key)?.redo.length ?? 0) > 0
  }

  /** Names of the next undo and redo steps, for button titles. */
  peek(key: string): { undo: string | null; redo: string | null } {
    const stacks = this.#stacks.get(key)
    return { undo: stacks?.undo.at(-1)?.label ?? null, redo: stacks?.redo.at(-1)?.label ?? null }
  }

  depth(key: string): { undo: number; redo: number } {
    const stacks = this.#stacks.get(key)
    return { undo: stacks?.undo.length ?? 0, redo: stacks?.redo.length ?? 0 }
  }

  #get(key: string): Stacks<T> {
    let stacks = this.#stacks.get(key)
    if (!stacks) {
      stacks = { undo: [], redo: [] }
      this.#stacks.set(key, stacks)
    }
    return stacks
  }

  #clearRedo(stacks: Stacks<T>): void {
    for (const step of stacks.redo) this.#bytes -= step.bytes
    stacks.redo = []
  }

  /** Drops the oldest undo steps of any image until the budget holds; the newest step always stays. */
  #evict(keep: HistoryStep<T>): void {
    while (this.#bytes > this.#budget) {
      let oldest: { stacks: Stacks<T>; step: HistoryStep<T> } | null = null
      for (const stacks of this.#stacks.values()) {
        const step = stacks.undo[0] ?? stacks.redo[0]
        if (step && step !== keep && (!oldest || step.seq < oldest.step.seq))
          oldest = { stacks, step }
      }
      if (!oldest) return
      const { stacks, step } = oldest
      if (stacks.undo[0] === step) stacks.undo.shift()
      else stacks.redo.shift()
      this.#bytes -= step.bytes
    }
  }

  #estimate(patch: Patch<T>): number {
    let bytes = 64
    for (const placed of patch.before) bytes += 16 + this.#sizeOf(placed.item)
    for (const placed of patch.after) bytes += 16 + this.#sizeOf(placed.item)
    return bytes
  }
}
