import type { CocoValidation } from '../main/services/exports'

export const OK_LINE = 'OK: would load in pycocotools, supervision and CVAT'

const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`

/** Counts the three lists when they are lists, so the reader sees what was checked. */
export function describeCoco(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null
  const record = json as Record<string, unknown>
  const size = (key: string): number | null =>
    Array.isArray(record[key]) ? (record[key] as unknown[]).length : null
  const [images, annotations, categories] = [
    size('images'),
    size('annotations'),
    size('categories'),
  ]
  if (images === null || annotations === null || categories === null) return null
  return `${plural(images, 'image')}, ${plural(annotations, 'annotation')}, ${plural(categories, 'category', 'categories')}`
}

/** The report for people: one line per problem (where, what, which rule), then the verdict. */
export function formatValidation(file: string, json: unknown, result: CocoValidation): string {
  const counts = describeCoco(json)
  const head = `${file}${counts === null ? '' : `: ${counts}`}`
  if (result.ok) return `${head}\n${OK_LINE}\n`
  const total = result.problems.length + result.omitted
  const lines = [
    `${head}`,
    `${plural(total, 'problem')}:`,
    ...result.problems.map(
      (p) => `  ${p.path === '' ? '(file)' : p.path}: ${p.message} [${p.rule}]`,
    ),
    ...(result.omitted > 0 ? [`  and ${result.omitted} more`] : []),
    'Not OK: pycocotools, supervision or CVAT would reject or misread this file.',
  ]
  return `${lines.join('\n')}\n`
}
