import type { ImportFormat } from '../../../shared/contract'

/** What each import reads, in the words of the import dialog. */
export const IMPORT_SOURCES: {
  format: ImportFormat
  label: string
  source: string
  placeholder: string
}[] = [
  {
    format: 'coco',
    label: 'COCO file',
    source: 'The COCO .json file',
    placeholder: '/path/to/annotations.json',
  },
  {
    format: 'yolo',
    label: 'YOLO dataset',
    source: 'The dataset folder (labels/ and data.yaml), its labels folder, or its data.yaml',
    placeholder: '/path/to/dataset',
  },
]
