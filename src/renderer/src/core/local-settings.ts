/** localStorage when the page may use it (a sandboxed or opaque origin throws on access). */
export function localSettings(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}
