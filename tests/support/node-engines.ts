/** Reads the Node versions that package.json and package-lock.json declare (`engines.node`). */

/** A version as [major, minor, patch]; missing parts count as 0 ("22.12" is 22.12.0). */
export type Version = [number, number, number]

/** The version in "22.12", "v22.12.0", "10.*" or "8" (a wildcard or missing part is 0). */
export function parseVersion(text: string): Version {
  const numbers = text
    .trim()
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number(part))
  const at = (i: number) => {
    const n = numbers[i]
    return n !== undefined && Number.isInteger(n) ? n : 0
  }
  return [at(0), at(1), at(2)]
}

/** Negative, zero or positive as `a` is older than, the same as or newer than `b`. */
export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]
}

/** "22.12.0" */
export function formatVersion(version: Version): string {
  return version.join('.')
}

/**
 * The oldest Node an npm engines range admits: the lowest, over its `||` alternatives, of each
 * alternative's lower bound (`>=X`, `^X`, `~X`, `X`, `X.*`; upper bounds such as `<7` do not lower it).
 */
export function minimumOf(range: string): Version {
  const alternatives = range.split('||').map((alternative) => {
    const bounds = alternative
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1')
      .trim()
      .split(/\s+/)
      .filter((token) => token !== '' && !token.startsWith('<'))
      .map((token) => parseVersion(token.replace(/^[>=^~]+/, '')))
    return bounds.reduce<Version>(
      (highest, bound) => (compareVersions(bound, highest) > 0 ? bound : highest),
      [0, 0, 0],
    )
  })
  return alternatives.reduce((lowest, v) => (compareVersions(v, lowest) < 0 ? v : lowest))
}

/** One package entry of package-lock.json (lockfileVersion 3). */
interface LockEntry {
  version?: string
  engines?: { node?: string }
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
}

/** The parts of package-lock.json read here. */
export interface Lockfile {
  packages: Record<string, LockEntry>
}

/** Where Node finds `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveIn(lock: Lockfile, from: string, name: string): string | undefined {
  let base = from
  for (;;) {
    const candidate = `${base === '' ? '' : `${base}/`}node_modules/${name}`
    if (lock.packages[candidate]) return candidate
    if (base === '') return undefined
    const parent = base.lastIndexOf('/node_modules/')
    base = parent < 0 ? '' : base.slice(0, parent)
  }
}

/** The lockfile keys of `root` (e.g. "node_modules/electron") and everything it depends on. */
export function dependencyTree(lock: Lockfile, root: string): string[] {
  const seen = new Set<string>()
  const pending = [root]
  while (pending.length > 0) {
    const key = pending.pop() as string
    const entry = lock.packages[key]
    if (seen.has(key) || !entry) continue
    seen.add(key)
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = resolveIn(lock, key, name)
      if (found) pending.push(found)
    }
  }
  return [...seen]
}

/** The highest `engines.node` minimum among the trees of `roots`, and the packages that declare it. */
export function highestNodeMinimum(
  lock: Lockfile,
  roots: readonly string[],
): { version: Version; declaredBy: string[] } {
  let version: Version = [0, 0, 0]
  let declaredBy: string[] = []
  for (const key of new Set(roots.flatMap((root) => dependencyTree(lock, root)))) {
    const range = lock.packages[key]?.engines?.node
    if (range === undefined) continue
    const minimum = minimumOf(range)
    const order = compareVersions(minimum, version)
    if (order > 0) [version, declaredBy] = [minimum, [key]]
    else if (order === 0) declaredBy.push(key)
  }
  return { version, declaredBy }
}
