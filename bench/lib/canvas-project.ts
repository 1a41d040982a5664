import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Services } from '../../src/main/services'
import type { AnnotationBox } from '../../src/shared/annotations'
import type { ProjectInfo } from '../../src/shared/contract'
import type { Box } from '../../src/shared/geometry'
import { COLOUR_NAMES } from '../../tests/support/emulator'
import { writeShapesImage } from '../../tests/support/test-images'
import { placeShapes } from './images'
import { call } from './services-host'

export const IMAGE_WIDTH = 2048
export const IMAGE_HEIGHT = 1536
export const DRAG_ID = 'bench-drag-target'

/** The box the benchmark drags: alone in the middle of the image, so a press surely grabs it. */
export const DRAG_BOX: Box = { x: 924, y: 693, width: 200, height: 150 }

/**
 * `count` boxes on a grid over the image; with a target, the grid leaves the middle free for it.
 * Accepted model boxes, so every review threshold shows them all.
 */
export function gridBoxes(count: number, withTarget: boolean): AnnotationBox[] {
  const cols = Math.ceil(Math.sqrt((count * 1.15 * IMAGE_WIDTH) / IMAGE_HEIGHT))
  const rows = Math.ceil((count * 1.15) / cols)
  const cellW = IMAGE_WIDTH / cols
  const cellH = IMAGE_HEIGHT / rows
  const free = (x: number, y: number): boolean =>
    !withTarget ||
    x + cellW < DRAG_BOX.x - 40 ||
    x > DRAG_BOX.x + DRAG_BOX.width + 40 ||
    y + cellH < DRAG_BOX.y - 40 ||
    y > DRAG_BOX.y + DRAG_BOX.height + 40
  const boxes: AnnotationBox[] = []
  const box = (id: string, b: Box, i: number): AnnotationBox => ({
    id,
    className: COLOUR_NAMES[i % COLOUR_NAMES.length]!,
    box: b,
    confidence: 0.5 + ((i * 37) % 50) / 100,
    source: 'model',
    state: 'accepted',
  })
  if (withTarget) boxes.push(box(DRAG_ID, DRAG_BOX, 0))
  for (let r = 0; r < rows && boxes.length < count; r++) {
    for (let c = 0; c < cols && boxes.length < count; c++) {
      const x = c * cellW
      const y = r * cellH
      if (!free(x, y)) continue
      const b = { x: x + 3, y: y + 3, width: cellW - 6, height: cellH - 6 }
      boxes.push(box(`b${r}-${c}`, b, r + c))
    }
  }
  if (boxes.length < count) throw new Error(`only ${boxes.length} of ${count} boxes fit the grid`)
  return boxes
}

/**
 * Writes the images and opens the folder as a project in the app's data folder (where the UI's
 * "Open folder" finds it again), with each image's boxes saved through 'annotations.save'.
 */
export async function makeCanvasProject(
  services: Services,
  imagesDir: string,
  images: { key: string; boxes: AnnotationBox[] }[],
): Promise<ProjectInfo> {
  await mkdir(imagesDir, { recursive: true })
  for (const [i, image] of images.entries()) {
    await writeShapesImage(join(imagesDir, image.key), {
      width: IMAGE_WIDTH,
      height: IMAGE_HEIGHT,
      shapes: placeShapes(IMAGE_WIDTH, IMAGE_HEIGHT, 12, 900 + i, { minSide: 80, maxSide: 400 }),
    })
  }
  const info = await call<ProjectInfo>(services, 'project.openFolder', { imagesDir })
  for (const image of images)
    await call(services, 'annotations.save', {
      projectId: info.id,
      key: image.key,
      boxes: image.boxes,
    })
  return info
}
