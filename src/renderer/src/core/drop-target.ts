import { isImageName, splitPath } from './project-paths'

/** One dropped file or folder: its path exists only inside Electron (the preload's pathForFile). */
export interface DroppedItem {
  name: string
  path: string | null
  isDirectory: boolean
}

/** What a drop opens: a folder, the folder of an image (showing that image), or why nothing. */
export type DropTarget =
  | { kind: 'folder'; dir: string }
  | { kind: 'image'; dir: string; key: string }
  | { kind: 'annotations'; format: 'coco' | 'yolo'; path: string }
  | { kind: 'no-paths' }
  | { kind: 'unsupported'; names: string[] }

/**
 * A dropped folder opens as a project; a dropped image opens its folder at that image; a COCO .json
 * or a YOLO data.yaml is imported into the open folder. The first folder wins over images, images
 * over annotation files; a browser gives no paths at all, which the caller explains.
 */
export function dropTarget(items: readonly DroppedItem[]): DropTarget {
  if (items.length > 0 && items.every((item) => item.path === null)) return { kind: 'no-paths' }
  const folder = items.find((item) => item.isDirectory && item.path !== null)
  if (folder?.path) return { kind: 'folder', dir: folder.path }
  const image = items.find(
    (item) => !item.isDirectory && item.path !== null && isImageName(item.name),
  )
  if (image?.path) {
    const { dir, name } = splitPath(image.path)
    return { kind: 'image', dir, key: name }
  }
  const labels = items.find(
    (item) => !item.isDirectory && item.path !== null && /\.(json|ya?ml)$/i.test(item.name),
  )
  if (labels?.path) {
    return {
      kind: 'annotations',
      format: /\.json$/i.test(labels.name) ? 'coco' : 'yolo',
      path: labels.path,
    }
  }
  return { kind: 'unsupported', names: items.map((item) => item.name) }
}
