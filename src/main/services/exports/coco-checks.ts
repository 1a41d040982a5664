/** What a COCO file breaks; numbers refer to the rules in export-formats.md. */
export type CocoRule =
  | 'structure'
  | 'annotation-id' // 1
  | 'required-fields' // 2
  | 'info-licenses' // 3
  | 'category-id-zero' // 4
  | 'category-ids-stable' // 5
  | 'synthetic-category' // 6
  | 'file-name' // 7
  | 'integer-fields' // 9
  | 'box-outside-image' // 10
  | 'score' // 11
  | 'bbox'
  | 'unknown-reference'
  | 'duplicate'

/** Records one problem at a JSON path. */
export type Report = (rule: CocoRule, path: string, message: string) => void

type Json = Record<string, unknown>
export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
export const show = (v: unknown): string => (v === undefined ? 'missing' : JSON.stringify(v))

/** Placeholder names from other tools' label maps: `_background_`, `__ignore__`, `__dontcare__`. */
export function isPlaceholderName(name: string): boolean {
  return /^_+[^_].*_+$|^_+$/.test(name)
}

/** Rule 9: ids and sizes are JSON integers (pycocotools and CVAT index by them). */
export function requireInts(
  entry: Json,
  keys: readonly string[],
  at: string,
  report: Report,
): void {
  for (const key of keys) {
    if (!isInt(entry[key])) {
      report(
        'integer-fields',
        `${at}.${key}`,
        `"${key}" must be a JSON integer, not ${show(entry[key])}.`,
      )
    }
  }
}

/** Rule 7: why a file name escapes the images folder or names a place on one machine, if it does. */
function fileNameFault(name: string, allowAbsolute: boolean): string | null {
  if (name === '') return 'is empty'
  if (name.includes('\\')) return 'uses "\\": write "/" between folders'
  const absolute = /^\/|^[A-Za-z]:|^[a-z][a-z0-9+.-]*:\/\//i.test(name)
  if (absolute && !allowAbsolute) return 'is absolute: it must be relative to the images folder'
  const parts = (absolute ? name.replace(/^\/+/, '') : name).split('/')
  if (parts.includes('..')) return 'climbs out of the images folder ("..")'
  if (parts.includes('')) return 'has an empty folder name ("//" or a trailing "/")'
  return null
}

/** Checks images; returns each valid id's size (NaN where the size itself is invalid). */
export function checkImages(
  images: unknown[],
  allowAbsolute: boolean,
  report: Report,
): Map<number, { width: number; height: number }> {
  const sizes = new Map<number, { width: number; height: number }>()
  const names = new Set<string>()
  images.forEach((image, i) => {
    const at = `images[${i}]`
    if (!isObject(image)) return report('structure', at, 'An image entry must be an object.')
    requireInts(image, ['id', 'width', 'height'], at, report)
    const { id, width, height, file_name: name } = image
    const size = {
      width: isInt(width) && width > 0 ? width : NaN,
      height: isInt(height) && height > 0 ? height : NaN,
    }
    if (isInt(width) && isInt(height) && (width <= 0 || height <= 0)) {
      report('integer-fields', at, `The image size ${width}x${height} is not positive.`)
    }
    if (isInt(id) && sizes.has(id)) report('duplicate', `${at}.id`, `Image id ${id} is used twice.`)
    else if (isInt(id)) sizes.set(id, size)
    if (typeof name !== 'string') {
      return report(
        'file-name',
        `${at}.file_name`,
        `"file_name" must be a string, not ${show(name)}.`,
      )
    }
    const fault = fileNameFault(name, allowAbsolute)
    if (fault) report('file-name', `${at}.file_name`, `The file name ${show(name)} ${fault}.`)
    if (names.has(name))
      report('file-name', `${at}.file_name`, `Two images are named ${show(name)}.`)
    names.add(name)
  })
  return sizes
}

/** Checks categories (rules 4, 6, 9, unique ids and names); returns id -> name. */
export function checkCategories(
  categories: unknown[],
  base: 0 | 1,
  report: Report,
): Map<number, string> {
  const byId = new Map<number, string>()
  const names = new Set<string>()
  categories.forEach((category, i) => {
    const at = `categories[${i}]`
    if (!isObject(category)) return report('structure', at, 'A category entry must be an object.')
    requireInts(category, ['id'], at, report)
    const { id, name } = category
    if (isInt(id) && byId.has(id))
      report('duplicate', `${at}.id`, `Category id ${id} is used twice.`)
    if (id === 0 && base === 1) {
      const why = 'CVAT rejects category_id 0 and COCO ids start at 1 (0-based only when asked)'
      report('category-id-zero', `${at}.id`, `Category id 0: ${why}.`)
    }
    if (typeof name !== 'string' || name === '') {
      return report(
        'structure',
        `${at}.name`,
        `"name" must be a non-empty string, not ${show(name)}.`,
      )
    }
    if (names.has(name))
      report('duplicate', `${at}.name`, `Two categories are named ${show(name)}.`)
    names.add(name)
    if (isPlaceholderName(name)) {
      report('synthetic-category', at, `${show(name)} is a placeholder category, not a class.`)
    }
    if (isInt(id) && !byId.has(id)) byId.set(id, name)
  })
  return byId
}

/** Rule 6: a category that only groups others (Roboflow's dataset-named parent) and has no annotations. */
export function checkParents(categories: unknown[], used: Set<number>, report: Report): void {
  const valid = categories.filter(isObject)
  categories.forEach((category, i) => {
    if (!isObject(category) || !isInt(category.id) || used.has(category.id)) return
    const parent = valid.some((c) => c.name !== category.name && c.supercategory === category.name)
    if (parent) {
      report(
        'synthetic-category',
        `categories[${i}]`,
        `${show(category.name)} only groups other categories and has no annotations.`,
      )
    }
  })
}

/** Rule 5: each class of the project's list has the id of its place in the list. */
export function checkClassOrder(
  classes: readonly string[],
  categoryNames: Map<number, string>,
  base: 0 | 1,
  report: Report,
): void {
  const idOf = new Map([...categoryNames].map(([id, name]) => [name, id]))
  classes.forEach((name, i) => {
    const id = idOf.get(name)
    if (id !== base + i) {
      report(
        'category-ids-stable',
        'categories',
        `The class ${show(name)} must have id ${base + i} (its place in the class list), not ${show(id ?? null)}.`,
      )
    }
  })
}
