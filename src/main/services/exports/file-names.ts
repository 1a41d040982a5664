/** Splits a '/'-separated key into its folder (with trailing '/'), stem and extension ('.jpg'). */
export function splitKey(key: string): { folder: string; stem: string; ext: string } {
  const slash = key.lastIndexOf('/')
  const folder = key.slice(0, slash + 1)
  const name = key.slice(slash + 1)
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return { folder, stem: name, ext: '' }
  return { folder, stem: name.slice(0, dot), ext: name.slice(dot) }
}

/** The key with its last extension replaced: 'a/b.jpg' + '.txt' -> 'a/b.txt' (Ultralytics' rule). */
export function replaceExtension(key: string, ext: string): string {
  const { folder, stem } = splitKey(key)
  return `${folder}${stem}${ext}`
}

/**
 * Claims `name`, or the first free 'stem-2.ext', 'stem-3.ext'... Compared case-insensitively, as
 * macOS and Windows folders compare names.
 */
export function claimName(name: string, taken: Set<string>): string {
  const { folder, stem, ext } = splitKey(name)
  let candidate = name
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${folder}${stem}-${n}${ext}`
  taken.add(candidate.toLowerCase())
  return candidate
}

/** Makes names unique in order: the first of each keeps it, repeats are numbered (see claimName). */
export function makeUnique(names: readonly string[]): string[] {
  const taken = new Set<string>()
  return names.map((name) => claimName(name, taken))
}

/**
 * Flat file names for images copied into one folder: the bare name when no other image has it,
 * else the folder path joined with '_' ('a/b/c.jpg' -> 'a_b_c.jpg'), numbered if still taken.
 */
export function flattenKeys(keys: readonly string[]): Map<string, string> {
  const counts = new Map<string, number>()
  const baseOf = (key: string): string => key.slice(key.lastIndexOf('/') + 1)
  for (const key of keys) {
    const base = baseOf(key).toLowerCase()
    counts.set(base, (counts.get(base) ?? 0) + 1)
  }
  const wanted = keys.map((key) =>
    (counts.get(baseOf(key).toLowerCase()) ?? 0) > 1 ? key.split('/').join('_') : baseOf(key),
  )
  const unique = makeUnique(wanted)
  return new Map(keys.map((key, i) => [key, unique[i]!]))
}

/** Keys whose derived file (e.g. 'labels/a/b.txt') would collide with another key's, grouped. */
export function findCollisions(
  keys: readonly string[],
  derive: (key: string) => string,
): string[][] {
  const groups = new Map<string, string[]>()
  for (const key of keys) {
    const target = derive(key)
    const group = groups.get(target)
    if (group) group.push(key)
    else groups.set(target, [key])
  }
  return [...groups.values()].filter((group) => group.length > 1)
}
