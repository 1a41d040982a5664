export {
  renderAnnotatedImage,
  type AnnotatedImage,
  type AnnotatedImageOptions,
} from './annotated-image'
export { isExported, prepareBoxes, type ExportImage, type ExportInclude } from './box-selection'
export { buildCocoDataset, formatCocoJson, type CocoDataset, type CocoBuildResult } from './coco'
export { validateCoco, type CocoProblem, type CocoRule, type CocoValidation } from './coco-validate'
export {
  exportProject,
  type ExportFormat,
  type ExportOptions,
  type ExportProgress,
  type ExportProjectReader,
  type ExportRequest,
  type ExportSummary,
} from './export-project'
export { ExportRefusedError } from './export-context'
export { colourForClass, EXPORT_PALETTE } from './palette'
export { buildVocXml, VOC_CONVENTION } from './voc'
export { buildYolo, buildDataYaml } from './yolo'
