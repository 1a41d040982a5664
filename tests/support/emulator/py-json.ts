/** A number the server types as float: Python prints integral floats as `425.0` (§2.2). */
export class PyFloat {
  constructor(readonly value: number) {}
}

export function pyFloat(value: number): PyFloat {
  return new PyFloat(value)
}

/** float32 model outputs surface as their expanded double, e.g. 0.7121592164039612 (§2.2). */
export function float32(value: number): PyFloat {
  return new PyFloat(Math.fround(value))
}

/** Compact JSON as orjson / FastAPI emit it, keeping float-typed integers as `N.0`. */
export function stringifyPython(value: unknown): string {
  if (value instanceof PyFloat) {
    const text = JSON.stringify(value.value)
    return Number.isInteger(value.value) && !text.includes('e') ? `${text}.0` : text
  }
  if (Array.isArray(value)) return `[${value.map(stringifyPython).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifyPython(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Mode O (§0): orjson with exclude_none, so null fields vanish at every depth. */
export function dropNulls(value: unknown): unknown {
  if (value instanceof PyFloat || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(dropNulls)
  const result: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && item !== undefined) result[key] = dropNulls(item)
  }
  return result
}
