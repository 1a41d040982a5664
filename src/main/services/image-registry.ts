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
}

const DISPLAY_CACHE_SIZE = 8

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
    async display(imageId) {
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
