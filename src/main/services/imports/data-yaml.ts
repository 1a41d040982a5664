import { AppError } from '../../../shared/errors'

/** One YAML scalar: double-quoted (with escapes), single-quoted ('' is a quote) or plain. */
export function parseYamlScalar(text: string): string {
  const t = text.trim()
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) {
    return t
      .slice(1, -1)
      .replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
        if (e.length > 1) return String.fromCodePoint(Number.parseInt(e.slice(1), 16))
        const simple: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          '0': '\0',
          '"': '"',
          '\\': '\\',
          '/': '/',
          ' ': ' ',
        }
        return simple[e] ?? e
      })
  }
  if (t.startsWith("'") && t.endsWith("'") && t.length >= 2)
    return t.slice(1, -1).replace(/''/g, "'")
  return t.replace(/\s+#.*$/, '').trim()
}

/** Splits a flow collection's body at top-level commas, keeping quoted commas. */
function splitFlow(body: string): string[] {
  const items: string[] = []
  let current = ''
  let quote: string | null = null
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quote) {
      if (c === '\\' && quote === '"') current += c + (body[++i] ?? '')
      else {
        if (c === quote) quote = null
        current += c
      }
    } else if (c === '"' || c === "'") {
      quote = c
      current += c
    } else if (c === ',') {
      items.push(current)
      current = ''
    } else current += c
  }
  items.push(current)
  return items.map((item) => item.trim()).filter((item) => item !== '')
}

/** Splits `0: name` (a map entry) from a bare item; the key must be an integer index. */
function entry(item: string): { index: number | null; value: string } {
  const match = /^(\d+)\s*:\s+(.*)$|^(\d+)\s*:$/.exec(item)
  return match
    ? { index: Number(match[1] ?? match[3]), value: match[2] ?? '' }
    : { index: null, value: item }
}

/** Orders `index: name` entries; list items keep their order. */
function toNames(items: string[]): string[] {
  const entries = items.map(entry)
  if (entries.every((e) => e.index === null)) return entries.map((e) => parseYamlScalar(e.value))
  const names: string[] = []
  for (const e of entries) {
    if (e.index === null)
      throw new AppError('invalid-input', 'data.yaml mixes a list and a map under "names".')
    names[e.index] = parseYamlScalar(e.value)
  }
  if (names.some((name) => name === undefined) || names.length !== entries.length) {
    throw new AppError('invalid-input', 'data.yaml numbers its classes with gaps under "names".')
  }
  return names
}

/**
 * Class names from an Ultralytics data.yaml, in index order: `names` as a block or flow list or
 * `index: name` map (quoted or plain), or `nc` alone (class_0...), as Ultralytics accepts.
 */
export function parseDataYamlNames(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const start = lines.findIndex((line) => /^names\s*:/.test(line))
  if (start < 0) {
    const nc = /^nc\s*:\s*(\d+)/m.exec(text)
    if (nc) return Array.from({ length: Number(nc[1]) }, (_, i) => `class_${i}`)
    throw new AppError('invalid-input', 'data.yaml has no "names" (and no "nc").')
  }
  const rest = lines[start]!.replace(/^names\s*:/, '').trim()
  if (rest !== '' && !rest.startsWith('#')) {
    const flow = /^[[{](.*)[\]}]\s*(#.*)?$/.exec(rest)
    if (!flow) throw new AppError('invalid-input', 'data.yaml "names" is neither a list nor a map.')
    return toNames(splitFlow(flow[1]!))
  }
  const items: string[] = []
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue
    if (!/^\s/.test(line) && !line.startsWith('-')) break
    const item = line.trim()
    items.push(item.startsWith('-') ? item.slice(1).trim() : item)
  }
  return toNames(items)
}
