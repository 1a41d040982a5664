import { splitPath } from './project-paths'

export type ExportFormat = 'coco' | 'yolo' | 'voc' | 'annotated'

export const EXPORT_FORMATS: readonly { format: ExportFormat; label: string; detail: string }[] = [
  {
    format: 'coco',
    label: 'COCO JSON',
    detail: 'One annotations file, checked before it is written',
  },
  { format: 'yolo', label: 'YOLO', detail: 'A labels folder and data.yaml' },
  { format: 'voc', label: 'Pascal VOC', detail: 'One XML file per image' },
  {
    format: 'annotated',
    label: 'Annotated images',
    detail: 'Copies of the images with boxes drawn',
  },
]

/** Whether the export writes one file (COCO without images) or creates a folder. */
export function targetIsFile(format: ExportFormat, copyImages: boolean): boolean {
  return format === 'coco' && !copyImages
}

/** A target next to the images folder (never inside it), named after it and the format. */
export function suggestTarget(
  imagesDir: string,
  format: ExportFormat,
  copyImages: boolean,
): string {
  const { dir, name } = splitPath(imagesDir)
  const sep = imagesDir.includes('\\') && !imagesDir.includes('/') ? '\\' : '/'
  const base = `${dir === '' ? '' : dir === sep ? sep : `${dir}${sep}`}${name}`
  if (targetIsFile(format, copyImages)) return `${base}-coco.json`
  return `${base}-${format}`
}

/** The refusal or failure message of an export as separate lines (the pre-flight lists one reason a line). */
export function messageLines(message: string): string[] {
  return message
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
    .filter((line) => line !== '')
}
