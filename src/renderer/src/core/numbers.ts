/**
 * Reads what a number field holds: a number, null when blank (Svelte's binding of an empty
 * `type=number` input), or text such as "40", "40 %" or "0,5" pasted from elsewhere.
 */
export function readNumber(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  const text = value.trim().replace(/\s*%$/, '').replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return null
  return Number(text)
}

/** A percent in 0..100 (hosted confidence and overlap, inference-api.md §5), or null. */
export function readPercent(value: number | string | null | undefined): number | null {
  const n = readNumber(value)
  return n !== null && n >= 0 && n <= 100 ? n : null
}

/** A score or threshold in 0..1, or null. */
export function readUnit(value: number | string | null | undefined): number | null {
  const n = readNumber(value)
  return n !== null && n >= 0 && n <= 1 ? n : null
}

/** A whole number in min..max, or null (a model version such as 1). */
export function readInteger(
  value: number | string | null | undefined,
  min: number,
  max: number,
): number | null {
  const n = readNumber(value)
  return n !== null && Number.isInteger(n) && n >= min && n <= max ? n : null
}
