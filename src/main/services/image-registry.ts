import { randomUUID } from 'node:crypto'
import { basename, resolve } from 'node:path'
import type { ImageInfo } from '../../shared/contract'

interface ImageFacts {
  width: number
  height: number
  format: string
}

interface DisplayImage {
  buffer: Buffer
  mime: string
}

export interface ImageRegistry {
  open(path: string): Promise<ImageInfo>
  pathOf(imageId: string): string | undefined
  /** The oriented display rendition for the renderer; `null` for an id this run never issued. */
  display(imageId: string): Promise<DisplayImage | null>
  /** Keeps a picture made in memory (e.g. a server-rendered result) and returns its URL. */
  addRendition(image: DisplayImage): string
}

const DISPLAY_CACHE_SIZE = 8
const RENDITIONS_KEPT = 16

/**
 * Hands out opaque ids for opened files so that the renderer names images, never paths to read;
 * only files the user opened can be served back.
 */
export function createImageRegistry(deps: {
  readInfo(path: string): Promise<ImageFacts>
  renderDisplay(path: string): Promise<DisplayImage>
  imageUrl(imageId: string): string
}): ImageRegistry {
  const byId = new Map<string, string>()
  const idByPath = new Map<string, string>()
  const cache = new Map<string, DisplayImage>()
  const renditions = new Map<string, DisplayImage>()

  return {
    async open(rawPath) {
      const path = resolve(rawPath)
      const facts = await deps.readInfo(path)
      const id = idByPath.get(path) ?? randomUUID()
      byId.set(id, path)
      idByPath.set(path, id)
      cache.delete(id)
      return { id, path, name: basename(path), ...facts, url: deps.imageUrl(id) }
    },
    pathOf: (imageId) => byId.get(imageId),
    addRendition(image) {
      const id = `rendition-${randomUUID()}`
      renditions.set(id, image)
      if (renditions.size > RENDITIONS_KEPT)
        renditions.delete(renditions.keys().next().value as string)
      return deps.imageUrl(id)
    },
    async display(imageId) {
      const made = renditions.get(imageId)
      if (made) return made
      const path = byId.get(imageId)
      if (path === undefined) return null
      const cached = cache.get(imageId)
      if (cached) return cached
      const rendition = await deps.renderDisplay(path)
      cache.set(imageId, rendition)
      if (cache.size > DISPLAY_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
      return rendition
    },
  }
}
