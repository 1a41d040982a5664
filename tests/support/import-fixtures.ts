import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { writeShapesImage } from './test-images'

/** Writes real PNGs of the given sizes (key, width, height) under `dir`, one red shape each. */
export async function writeImages(
  dir: string,
  sizes: readonly (readonly [key: string, width: number, height: number])[],
): Promise<void> {
  for (const [key, width, height] of sizes) {
    await mkdir(dirname(join(dir, key)), { recursive: true })
    await writeShapesImage(join(dir, key), {
      width,
      height,
      format: 'png',
      shapes: [{ colour: 'red', x: 5, y: 5, width: 20, height: 15 }],
    })
  }
}

/** Writes a value as JSON (a string as it is), making its folder; returns the path. */
export async function writeJson(path: string, value: unknown): Promise<string> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value))
  return path
}
