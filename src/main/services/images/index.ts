export { renderDisplayImage, DISPLAY_MAX_SIDE, type DisplayImage } from './display'
export { orientedSize, readImageInfo, type ImageFileInfo } from './image-info'
export { prepareUpload, uploadScale, type PreparedUpload, type UploadSize } from './upload'
