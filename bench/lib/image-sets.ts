import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeShapesImage, type ShapesImage } from '../../tests/support/test-images'
import { placeShapes } from './images'

export interface ShapesSetSpec {
  count: number
  width: number
  height: number
  shapes: number
  minSide: number
  maxSide: number
  format?: 'jpeg' | 'png'
  /** Spreads files over this many sub-folders (0: all in `dir`). */
  folders?: number
  seed?: number
}

export interface ShapesFile {
  path: string
  key: string
  truth: ShapesImage['trueBoxes']
}

/** Writes a folder of solid-shape images (tests/support/test-images.ts) with known true boxes. */
export async function writeShapesSet(dir: string, spec: ShapesSetSpec): Promise<ShapesFile[]> {
  const ext = spec.format === 'png' ? 'png' : 'jpg'
  const files: ShapesFile[] = []
  const folders = spec.folders ?? 0
  for (let f = 0; f < folders; f++) await mkdir(join(dir, `part${f}`), { recursive: true })
  await mkdir(dir, { recursive: true })
  const one = async (i: number): Promise<ShapesFile> => {
    const name = `img${String(i).padStart(5, '0')}.${ext}`
    const key = folders > 0 ? `part${i % folders}/${name}` : name
    const path = join(dir, ...key.split('/'))
    const shapes = placeShapes(spec.width, spec.height, spec.shapes, (spec.seed ?? 1) * 7919 + i, {
      minSide: spec.minSide,
      maxSide: spec.maxSide,
    })
    const image = await writeShapesImage(path, {
      width: spec.width,
      height: spec.height,
      shapes,
      format: spec.format ?? 'jpeg',
    })
    return { path, key, truth: image.trueBoxes }
  }
  for (let i = 0; i < spec.count; i += 4) {
    const batch = []
    for (let j = i; j < Math.min(spec.count, i + 4); j++) batch.push(one(j))
    files.push(...(await Promise.all(batch)))
  }
  return files
}
