import {
  prepareBoxes,
  resolveClassNames,
  type ExportImage,
  type ExportInclude,
} from './box-selection'
import { findCollisions, replaceExtension } from './file-names'
import { quoteYaml } from './markup'

export interface ExportFile {
  /** Relative to the export folder, '/' separators. */
  path: string
  content: string
}

export interface YoloBuildInput {
  /** The project's class list: its order gives the 0-based class indices. */
  classes: readonly string[]
  images: readonly ExportImage[]
  options?: {
    include?: ExportInclude
    /** Written as `path:` in data.yaml only when the user asked for absolute paths. */
    absoluteRoot?: string
  }
}

export interface YoloBuildResult {
  files: ExportFile[]
  dropped: number
  clamped: number
  unlistedClasses: string[]
  /** Reasons the export cannot be written as it is (e.g. two images sharing a label file). */
  problems: string[]
  /** Things that load but may surprise (Ultralytics' label lookup with a nested `images` folder). */
  warnings: string[]
}

/** Ultralytics finds an image's labels by swapping its `images` folder for `labels`, same stem. */
export function yoloLabelPath(key: string): string {
  return `labels/${replaceExtension(key, '.txt')}`
}

/** A normalised coordinate with the 6 decimals Ultralytics writes, clamped against float noise. */
function norm(value: number, size: number): string {
  return Math.min(1, Math.max(0, value / size)).toFixed(6)
}

/** data.yaml: names in class order. No relative `path:` key, which Ultralytics would resolve under its datasets folder. */
export function buildDataYaml(names: readonly string[], absoluteRoot?: string): string {
  const lines = [
    '# Exported by Promptlabel (YOLO detection). Labels are in labels/; put each image in images/',
    '# under the same sub-folder and stem (images/a/b.jpg <-> labels/a/b.txt).',
  ]
  if (absoluteRoot) lines.push(`path: ${quoteYaml(absoluteRoot)}`)
  else
    lines.push(
      '# Without `path:`, Ultralytics uses the folder of this file: give it an absolute path.',
    )
  lines.push('train: images', 'val: images', `nc: ${names.length}`, 'names:')
  names.forEach((name, index) => lines.push(`  ${index}: ${quoteYaml(name)}`))
  return `${lines.join('\n')}\n`
}

/** Builds an Ultralytics YOLO detection export: one label file per image (empty when none) and data.yaml. */
export function buildYolo(input: YoloBuildInput): YoloBuildResult {
  const include = input.options?.include ?? 'accepted'
  let dropped = 0
  let clamped = 0
  const prepared = input.images.map((image) => {
    const result = prepareBoxes(image, include)
    dropped += result.dropped
    clamped += result.clamped
    return { image, boxes: result.boxes }
  })
  const { names, unlisted } = resolveClassNames(input.classes, prepared)
  const index = new Map(names.map((name, i) => [name, i]))
  const files: ExportFile[] = prepared.map(({ image, boxes }) => {
    const { width: w, height: h } = image
    const lines = boxes.map(({ className, box }) =>
      [
        index.get(className),
        norm(box.x + box.width / 2, w),
        norm(box.y + box.height / 2, h),
        norm(box.width, w),
        norm(box.height, h),
      ].join(' '),
    )
    return { path: yoloLabelPath(image.key), content: lines.map((line) => `${line}\n`).join('') }
  })
  files.push({ path: 'data.yaml', content: buildDataYaml(names, input.options?.absoluteRoot) })
  const keys = input.images.map((image) => image.key)
  const problems = findCollisions(keys, yoloLabelPath).map(
    (group) =>
      `${group.join(', ')} would share the label file ${yoloLabelPath(group[0]!)}: rename one of them.`,
  )
  const nested = keys.filter((key) => key.split('/').slice(0, -1).includes('images'))
  const warnings = nested.length
    ? [
        `${nested.length} image(s) sit in a folder named "images" (e.g. ${nested[0]}): Ultralytics swaps the last "images" folder for "labels", so move them.`,
      ]
    : []
  return { files, dropped, clamped, unlistedClasses: unlisted, problems, warnings }
}
