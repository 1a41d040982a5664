/** File extensions the app opens as images (the folder scan lists the same ones). */
const IMAGE_EXTENSIONS = new Set(['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'bmp'])

/** Splits a path at its last separator, `/` or `\` (Windows paths reach the renderer as typed). */
export function splitPath(path: string): { dir: string; name: string } {
  const trimmed = path.replace(/[\\/]+$/, '')
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'))
  if (cut === -1) return { dir: '', name: trimmed }
  return {
    dir: cut === 0 ? trimmed.slice(0, 1) : trimmed.slice(0, cut),
    name: trimmed.slice(cut + 1),
  }
}

export function isImageName(name: string): boolean {
  const dot = name.lastIndexOf('.')
  return dot > 0 && IMAGE_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())
}

/** The file format an image key names, from its extension ("jpeg" for .jpg). */
export function formatOf(key: string): string {
  const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase()
  return ext === 'jpg' ? 'jpeg' : ext === 'tif' ? 'tiff' : ext
}

/** The absolute path of an image key (always `/`-separated) inside the images folder. */
export function joinKey(imagesDir: string, key: string): string {
  const sep = imagesDir.includes('\\') && !imagesDir.includes('/') ? '\\' : '/'
  const base = imagesDir.replace(/[\\/]+$/, '')
  return `${base}${sep}${sep === '/' ? key : key.split('/').join('\\')}`
}

/** The key of a file inside the images folder, or null when it lies outside. */
export function keyOf(imagesDir: string, path: string): string | null {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '')
  const root = norm(imagesDir)
  const file = norm(path)
  if (!file.startsWith(`${root}/`)) return null
  return file.slice(root.length + 1)
}

/** The file name of an image key, and its subfolder (empty at the top of the folder). */
export function describeKey(key: string): { name: string; folder: string } {
  const cut = key.lastIndexOf('/')
  return cut === -1
    ? { name: key, folder: '' }
    : { name: key.slice(cut + 1), folder: key.slice(0, cut) }
}
