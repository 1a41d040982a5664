/** The name an export gets unless the user names it: after the images folder and the format. */
export function defaultExportName(
  imagesFolderName: string,
  format: 'coco' | 'yolo' | 'voc' | 'annotated',
  copyImages: boolean,
): string {
  return format === 'coco' && !copyImages
    ? `${imagesFolderName}-coco.json`
    : `${imagesFolderName}-${format}`
}
