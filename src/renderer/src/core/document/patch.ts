/** An item at its index in the list it belongs to. */
export interface Placed<T> {
  index: number
  item: T
}

/**
 * The difference between two versions of a list of items with ids: the items only the old version
 * has (changed or removed) and those only the new one has (changed or added), each at its index.
 * Unchanged items are shared by reference, so a patch costs what changed, not the whole list.
 */
export interface Patch<T> {
  before: Placed<T>[]
  after: Placed<T>[]
}

/** Compares by reference: commands return the same object for an untouched item. */
export function diffLists<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
): Patch<T> {
  const afterById = new Map(after.map((item) => [item.id, item]))
  const beforeById = new Map(before.map((item) => [item.id, item]))
  const removed: Placed<T>[] = []
  const added: Placed<T>[] = []
  const keptBefore: T[] = []
  const keptAfter: T[] = []
  before.forEach((item, index) => {
    if (afterById.get(item.id) === item) keptBefore.push(item)
    else removed.push({ index, item })
  })
  after.forEach((item, index) => {
    if (beforeById.get(item.id) === item) keptAfter.push(item)
    else added.push({ index, item })
  })
  // Reordered lists cannot be rebuilt from what changed alone: store both whole.
  if (keptBefore.some((item, i) => keptAfter[i] !== item)) {
    return {
      before: before.map((item, index) => ({ index, item })),
      after: after.map((item, index) => ({ index, item })),
    }
  }
  return { before: removed, after: added }
}

/** Rebuilds the old version from the new one (`undo`) or the new one from the old (`redo`). */
export function applyPatch<T extends { id: string }>(
  current: readonly T[],
  patch: Patch<T>,
  direction: 'undo' | 'redo',
): T[] {
  const [drop, insert] =
    direction === 'undo' ? [patch.after, patch.before] : [patch.before, patch.after]
  const dropped = new Set(drop.map((p) => p.item.id))
  const next = current.filter((item) => !dropped.has(item.id))
  for (const { index, item } of [...insert].sort((a, b) => a.index - b.index)) {
    next.splice(index, 0, item)
  }
  return next
}

export function isEmptyPatch<T>(patch: Patch<T>): boolean {
  return patch.before.length === 0 && patch.after.length === 0
}
