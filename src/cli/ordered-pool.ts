/**
 * Runs `work` on up to `limit` items at once and hands each result to `emit` in input order, as
 * soon as it and every earlier one are done: output stays in the order the images were given.
 * `work` must not throw; it returns its failure as a value.
 */
export async function mapInOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  emit: (result: R, index: number) => void,
  options: {
    /** Finish the first item before starting others: one probe of a cold or unreachable server, not N. */
    firstAlone?: boolean
  } = {},
): Promise<void> {
  const finished = new Map<number, R>()
  let next = 0
  let emitted = 0
  const step = async (): Promise<void> => {
    const index = next++
    finished.set(index, await work(items[index] as T, index))
    while (finished.has(emitted)) {
      const result = finished.get(emitted) as R
      finished.delete(emitted)
      emit(result, emitted++)
    }
  }
  const worker = async (): Promise<void> => {
    while (next < items.length) await step()
  }
  if (options.firstAlone && items.length > 0) await step()
  const workers = Math.max(1, Math.min(limit, items.length - next))
  await Promise.all(Array.from({ length: workers }, worker))
}
