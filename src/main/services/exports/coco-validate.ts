import { checkAnnotations } from './coco-annotation-checks'
import {
  checkCategories,
  checkClassOrder,
  checkImages,
  checkParents,
  isObject,
  show,
  type CocoRule,
  type Report,
} from './coco-checks'

export interface CocoProblem {
  rule: CocoRule
  message: string
  /** Where, e.g. `annotations[3].id`. */
  path: string
}

export interface CocoValidation {
  ok: boolean
  problems: CocoProblem[]
  /** Problems beyond the first MAX_PROBLEMS, counted but not listed. */
  omitted: number
}

export interface CocoValidateOptions {
  /** The base ids should start from; with 1 (default) a category id 0 is flagged for CVAT. */
  categoryBase?: 0 | 1
  /** The project's class list: categories must carry these names with ids base, base+1... (rule 5). */
  classes?: readonly string[]
  /** Accept absolute `file_name`s (only when the user asked for them). */
  allowAbsolutePaths?: boolean
}

export const MAX_PROBLEMS = 1000

export { isPlaceholderName, type CocoRule } from './coco-checks'

/**
 * Pre-flight check: refuses what pycocotools, supervision or CVAT would reject or misread
 * (export-formats.md, COCO rules 1-11). Images without annotations are valid negatives (rule 8).
 */
export function validateCoco(json: unknown, options: CocoValidateOptions = {}): CocoValidation {
  const problems: CocoProblem[] = []
  let omitted = 0
  const report: Report = (rule, path, message) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ rule, path, message })
    else omitted++
  }
  const done = (): CocoValidation => ({ ok: problems.length + omitted === 0, problems, omitted })
  if (!isObject(json)) {
    report('structure', '', 'The file is not a JSON object.')
    return done()
  }
  if (!isObject(json.info)) {
    const why = 'some pycocotools releases fail without it'
    report(
      'info-licenses',
      'info',
      `"info" must be an object ({}), not ${show(json.info)}: ${why}.`,
    )
  }
  if (!Array.isArray(json.licenses)) {
    report('info-licenses', 'licenses', `"licenses" must be a list, not ${show(json.licenses)}.`)
  }
  const { images, annotations, categories } = json
  if (!Array.isArray(images) || !Array.isArray(annotations) || !Array.isArray(categories)) {
    for (const [name, list] of Object.entries({ images, annotations, categories })) {
      if (!Array.isArray(list)) report('structure', name, `"${name}" must be a list.`)
    }
    return done()
  }
  const imageSizes = checkImages(images, options.allowAbsolutePaths ?? false, report)
  const base = options.categoryBase ?? 1
  const categoryNames = checkCategories(categories, base, report)
  const used = checkAnnotations(annotations, imageSizes, categoryNames, report)
  checkParents(categories, used, report)
  if (options.classes) checkClassOrder(options.classes, categoryNames, base, report)
  return done()
}
