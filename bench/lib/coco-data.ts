import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { AnnotationBox, ImageAnnotations } from '../../src/shared/annotations'
import type { ExportImage } from '../../src/main/services/exports'
import { annotationPath, type ProjectStore } from '../../src/main/services/projects/project-store'
import { COLOUR_NAMES } from '../../tests/support/emulator'
import { seeded } from './stats'

export const PER_IMAGE = 10

/** Synthetic annotations: 10 boxes per 1280x960 image, mixed review states and classes. */
export function makeImages(count: number): ExportImage[] {
  const random = seeded(42)
  const states = ['accepted', 'edited', 'accepted', 'accepted'] as const
  return Array.from({ length: count }, (_, i) => ({
    key: `folder${i % 10}/image${i}.jpg`,
    width: 1280,
    height: 960,
    boxes: Array.from({ length: PER_IMAGE }, (_, j): AnnotationBox => {
      const x = random() * 1200
      const y = random() * 900
      return {
        id: `${i}-${j}`,
        className: COLOUR_NAMES[(i + j) % COLOUR_NAMES.length]!,
        box: { x, y, width: 10 + random() * 200, height: 10 + random() * 150 },
        confidence: Math.round(random() * 1000) / 1000,
        source: 'model',
        state: states[j % states.length]!,
      }
    }),
  }))
}

/** Writes annotation docs where the ProjectStore reads them (plain writes: setup, not measured). */
export async function writeDocs(
  store: ProjectStore,
  images: readonly ExportImage[],
): Promise<void> {
  const dirs = new Set(images.map((image) => dirname(annotationPath(store.dir, image.key))))
  for (const dir of dirs) await mkdir(dir, { recursive: true })
  for (let i = 0; i < images.length; i += 64) {
    await Promise.all(
      images.slice(i, i + 64).map((image) => {
        const doc: ImageAnnotations = { ...image, boxes: [...image.boxes], lastRun: null }
        return writeFile(annotationPath(store.dir, image.key), `${JSON.stringify(doc, null, 2)}\n`)
      }),
    )
  }
}
