import { defaultExportName } from '../../../shared/export-names'
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

/**
 * The proposed target: in `folder` (main proposes one the user owns), named after the images
 * folder and the format, in the folder's own separator style.
 */
export function suggestTarget(
  folder: string,
  imagesDir: string,
  format: ExportFormat,
  copyImages: boolean,
): string {
  const name = defaultExportName(splitPath(imagesDir).name, format, copyImages)
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/'
  const base = folder.replace(/[\\/]+$/, '')
  return `${base}${sep}${name}`
}

/** The refusal or failure message of an export as separate lines (the pre-flight lists one reason a line). */
export function messageLines(message: string): string[] {
  return message
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
    .filter((line) => line !== '')
}
