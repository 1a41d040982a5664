import { writeFile } from 'node:fs/promises'
import sharp from 'sharp'
import { COLOUR_NAMES, PALETTE, type ColourName } from '../../tests/support/emulator'
import type { ShapeSpec } from '../../tests/support/test-images'
import { seeded } from './stats'

export type { ShapeSpec }

/**
 * Places `count` non-touching rectangles, one per cell of a grid, sized between `minSide` and
 * `maxSide` (clamped to the cell). Colours cycle through the palette so neighbours differ.
 */
export function placeShapes(
  width: number,
  height: number,
  count: number,
  seed: number,
  sides: { minSide: number; maxSide: number },
): ShapeSpec[] {
  const random = seeded(seed)
  const cols = Math.ceil(Math.sqrt((count * width) / height))
  const rows = Math.ceil(count / cols)
  const cellW = Math.floor(width / cols)
  const cellH = Math.floor(height / rows)
  const cells = Array.from({ length: cols * rows }, (_, i) => i)
  for (let i = cells.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[cells[i], cells[j]] = [cells[j]!, cells[i]!]
  }
  const offset = Math.floor(random() * COLOUR_NAMES.length)
  return cells.slice(0, count).map((cell, index) => {
    const size = (limit: number): number => {
      const max = Math.max(4, Math.min(sides.maxSide, limit - 8))
      const min = Math.min(sides.minSide, max)
      return Math.round(min + random() * (max - min))
    }
    const w = size(cellW)
    const h = size(cellH)
    const x0 = (cell % cols) * cellW
    const y0 = Math.floor(cell / cols) * cellH
    return {
      colour: COLOUR_NAMES[(offset + index) % COLOUR_NAMES.length] as ColourName,
      x: x0 + 4 + Math.floor(random() * Math.max(1, cellW - w - 8)),
      y: y0 + 4 + Math.floor(random() * Math.max(1, cellH - h - 8)),
      width: w,
      height: h,
    }
  })
}

/** Octaves of value noise (cell size, amplitude): detail at every scale, as photographs have. */
const OCTAVES: readonly [number, number][] = [
  [256, 36],
  [64, 20],
  [16, 11],
  [4, 6],
]

/** Adds one octave of smoothly interpolated lattice noise to `field`. */
function addOctave(
  field: Float32Array,
  width: number,
  height: number,
  cell: number,
  amp: number,
  random: () => number,
): void {
  const cols = Math.ceil(width / cell) + 2
  const rows = Math.ceil(height / cell) + 2
  const lattice = Float32Array.from({ length: cols * rows }, () => (random() * 2 - 1) * amp)
  const smooth = (t: number) => t * t * (3 - 2 * t)
  const ix = new Int32Array(width)
  const fx = new Float32Array(width)
  for (let x = 0; x < width; x++) {
    ix[x] = Math.floor(x / cell)
    fx[x] = smooth(x / cell - ix[x]!)
  }
  for (let y = 0; y < height; y++) {
    const iy = Math.floor(y / cell)
    const fy = smooth(y / cell - iy)
    const top = iy * cols
    const bottom = top + cols
    const row = y * width
    for (let x = 0; x < width; x++) {
      const i = ix[x]!
      const f = fx[x]!
      const a = lattice[top + i]! + (lattice[top + i + 1]! - lattice[top + i]!) * f
      const b = lattice[bottom + i]! + (lattice[bottom + i + 1]! - lattice[bottom + i]!) * f
      field[row + x]! += a + (b - a) * fy
    }
  }
}

const clampByte = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v)

/**
 * A photo-like JPEG: a grey ground with detail at several scales (value-noise octaves, like the
 * 1/f spectrum of photographs) and sensor grain, and palette shapes shaded by the same texture at
 * a fifth of its strength (well inside the emulator's colour tolerance). Flat test images compress
 * far better than photographs, and fine grain alone vanishes when downscaled: both flatter bytes.
 */
export async function writeTexturedImage(
  path: string,
  spec: { width: number; height: number; shapes: readonly ShapeSpec[]; seed: number },
): Promise<{ bytes: number }> {
  const { width, height } = spec
  const random = seeded(spec.seed * 31 + 7)
  const field = new Float32Array(width * height)
  for (const [cell, amp] of OCTAVES) addOctave(field, width, height, cell, amp, random)
  const inShape = new Uint8Array(width * height)
  const data = Buffer.alloc(width * height * 3)
  for (const shape of spec.shapes) {
    const [r, g, b] = PALETTE[shape.colour]
    for (let y = shape.y; y < Math.min(height, shape.y + shape.height); y++) {
      for (let x = shape.x; x < Math.min(width, shape.x + shape.width); x++) {
        const i = y * width + x
        const shade = field[i]! * 0.2 + (random() * 4 - 2)
        inShape[i] = 1
        data[i * 3] = clampByte(r + shade)
        data[i * 3 + 1] = clampByte(g + shade)
        data[i * 3 + 2] = clampByte(b + shade)
      }
    }
  }
  for (let i = 0; i < width * height; i++) {
    if (inShape[i]) continue
    const grey = 128 + field[i]! + (random() * 6 - 3)
    const tint = field[i]! * 0.12
    data[i * 3] = clampByte(grey + tint)
    data[i * 3 + 1] = clampByte(grey)
    data[i * 3 + 2] = clampByte(grey - tint)
  }
  const jpeg = await sharp(data, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer()
  await writeFile(path, jpeg)
  return { bytes: jpeg.length }
}

/** Intersection over union of two top-left boxes. */
export function iou(a: ShapeSpec | BoxLike, b: BoxLike): number {
  const x0 = Math.max(a.x, b.x)
  const y0 = Math.max(a.y, b.y)
  const x1 = Math.min(a.x + a.width, b.x + b.width)
  const y1 = Math.min(a.y + a.height, b.y + b.height)
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0)
  const union = a.width * a.height + b.width * b.height - inter
  return union <= 0 ? 0 : inter / union
}

export interface BoxLike {
  x: number
  y: number
  width: number
  height: number
}

/** Best IoU of each true shape with a detection of its colour (0 when it was missed). */
export function matchIous(
  truth: readonly ShapeSpec[],
  found: readonly { className: string; box: BoxLike }[],
): number[] {
  const used = new Set<number>()
  return truth.map((shape) => {
    let best = 0
    let bestIndex = -1
    found.forEach((d, i) => {
      if (used.has(i) || d.className !== shape.colour) return
      const value = iou(shape, d.box)
      if (value > best) [best, bestIndex] = [value, i]
    })
    if (bestIndex >= 0) used.add(bestIndex)
    return best
  })
}
