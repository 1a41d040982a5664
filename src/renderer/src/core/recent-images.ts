/** Enough to switch between a few reference and query images without a project yet. */
export const MAX_RECENT_IMAGES = 12

/**
 * Keeps each opened image once, in the order first opened; a reopened image takes its new
 * details (a new id after reopening) in place, and the oldest fall off past the limit.
 */
export function rememberImage<T extends { id: string; path: string }>(
  list: readonly T[],
  image: T,
  max = MAX_RECENT_IMAGES,
): T[] {
  const index = list.findIndex((item) => item.id === image.id || item.path === image.path)
  const next = index === -1 ? [...list, image] : list.map((item, i) => (i === index ? image : item))
  return next.slice(Math.max(0, next.length - max))
}
