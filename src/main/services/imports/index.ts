export { parseCoco, type CocoImportOptions, type CocoImportResult } from './coco-import'
export { parseDataYamlNames } from './data-yaml'
export { type ImportedImage, type ImportNote } from './imported-image'
export { parseYoloFolder, parseYoloLabels, type YoloImportResult } from './yolo-import'
