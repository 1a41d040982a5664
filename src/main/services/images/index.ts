export { renderDisplayImage, DISPLAY_MAX_SIDE, type DisplayImage } from './display'
export { bufferImageSize, orientedSize, readImageInfo, type ImageFileInfo } from './image-info'
export {
  prepareUpload,
  uploadScale,
  type PreparedUpload,
  type UploadOptions,
  type UploadSize,
} from './upload'
export {
  base64Length,
  formatMegabytes,
  nextEncodeStep,
  MIN_FIT_SIDE,
  UPLOAD_QUALITIES,
  type EncodeStep,
} from './upload-budget'
