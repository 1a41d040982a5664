/** A COCO `file_name` in '/' form without a leading './'. */
export function normaliseFileName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^(\.\/)+/, '')
}

/**
 * Finds the project image a foreign file name means: the same relative path, else the longest
 * path tail that is a key ('/data/set/a/b.jpg' -> 'a/b.jpg'), else the bare name when one key has it.
 */
export function createImageMatcher(keys: readonly string[]): (fileName: string) => string | null {
  const byKey = new Set(keys)
  const byBase = new Map<string, string | null>()
  for (const key of keys) {
    const base = key.slice(key.lastIndexOf('/') + 1)
    byBase.set(base, byBase.has(base) ? null : key)
  }
  return (fileName) => {
    const parts = normaliseFileName(fileName).split('/')
    for (let i = 0; i < parts.length; i++) {
      const tail = parts.slice(i).join('/')
      if (byKey.has(tail)) return tail
    }
    return byBase.get(parts[parts.length - 1] ?? '') ?? null
  }
}

/** Without a list of images, a file name is a key only when it stays inside the images folder. */
export function keyFromFileName(fileName: string): string | null {
  const name = normaliseFileName(fileName)
  if (name === '' || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return null
  const parts = name.split('/')
  return parts.some((p) => p === '' || p === '..' || p === '.') ? null : name
}
