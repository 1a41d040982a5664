import { BACKGROUND, COLOUR_LUT, COLOUR_NAMES, type ColourName } from './palette'

/** A connected patch of one palette colour; x1/y1 are exclusive, all in oriented image pixels. */
export interface Region {
  colour: ColourName
  x0: number
  y0: number
  x1: number
  y1: number
  pixels: number
}

/** Decoded, EXIF-oriented pixels as the server's cv2.IMREAD_COLOR would hold them. */
export interface RasterImage {
  width: number
  height: number
  channels: number
  data: Uint8Array
}

/** Smaller patches are JPEG noise, not shapes. */
export const MIN_REGION_PIXELS = 16

/** Finds 4-connected regions of palette colours from row runs, exactly at full resolution. */
export function findRegions(image: RasterImage): Region[] {
  const runs = collectRuns(image)
  const parent = new Int32Array(runs.count)
  for (let i = 0; i < runs.count; i++) parent[i] = i
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number
      i = parent[i] as number
    }
    return i
  }
  for (let y = 1; y < image.height; y++) {
    let a = runs.rowStart[y - 1] as number
    const aEnd = runs.rowStart[y] as number
    let b = aEnd
    const bEnd = runs.rowStart[y + 1] as number
    while (a < aEnd && b < bEnd) {
      const aS = runs.start[a] as number
      const aE = runs.end[a] as number
      const bS = runs.start[b] as number
      const bE = runs.end[b] as number
      if (aS < bE && bS < aE && runs.colour[a] === runs.colour[b]) {
        const ra = find(a)
        const rb = find(b)
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb)
      }
      if (aE <= bE) a++
      else b++
    }
  }
  return gatherRegions(runs, find)
}

interface Runs {
  count: number
  start: Int32Array
  end: Int32Array
  row: Int32Array
  colour: Uint8Array
  rowStart: Int32Array
}

function collectRuns(image: RasterImage): Runs {
  const { width, height, channels, data } = image
  let capacity = 1024
  let start = new Int32Array(capacity)
  let end = new Int32Array(capacity)
  let row = new Int32Array(capacity)
  let colour = new Uint8Array(capacity)
  const rowStart = new Int32Array(height + 1)
  let count = 0
  const lut = COLOUR_LUT
  const none = BACKGROUND
  const gOffset = channels < 3 ? 0 : 1
  const bOffset = channels < 3 ? 0 : 2
  for (let y = 0; y < height; y++) {
    rowStart[y] = count
    let current = none
    let runStart = 0
    let offset = y * width * channels
    for (let x = 0; x <= width; x++, offset += channels) {
      const label =
        x < width
          ? (lut[
              (((data[offset] as number) >> 2) << 12) |
                (((data[offset + gOffset] as number) >> 2) << 6) |
                ((data[offset + bOffset] as number) >> 2)
            ] as number)
          : none
      if (label === current) continue
      if (current !== none) {
        if (count === capacity) {
          capacity *= 2
          start = grow(start, capacity)
          end = grow(end, capacity)
          row = grow(row, capacity)
          colour = grow(colour, capacity)
        }
        start[count] = runStart
        end[count] = x
        row[count] = y
        colour[count] = current
        count++
      }
      current = label
      runStart = x
    }
  }
  rowStart[height] = count
  return { count, start, end, row, colour, rowStart }
}

function grow<T extends Int32Array | Uint8Array>(array: T, capacity: number): T {
  const next = new (array.constructor as new (n: number) => T)(capacity)
  next.set(array)
  return next
}

function gatherRegions(runs: Runs, find: (i: number) => number): Region[] {
  const byRoot = new Map<number, Region>()
  for (let i = 0; i < runs.count; i++) {
    const root = find(i)
    const s = runs.start[i] as number
    const e = runs.end[i] as number
    const y = runs.row[i] as number
    const region = byRoot.get(root)
    if (region) {
      region.x0 = Math.min(region.x0, s)
      region.x1 = Math.max(region.x1, e)
      region.y0 = Math.min(region.y0, y)
      region.y1 = Math.max(region.y1, y + 1)
      region.pixels += e - s
    } else {
      const colour = COLOUR_NAMES[runs.colour[i] as number] as ColourName
      byRoot.set(root, { colour, x0: s, y0: y, x1: e, y1: y + 1, pixels: e - s })
    }
  }
  return [...byRoot.values()]
    .filter((region) => region.pixels >= MIN_REGION_PIXELS)
    .sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)
}

/** Deterministic 0..1 "how clearly this is an object": grows with size and solidity, jittered by position. */
export function regionStrength(region: Region): number {
  const area = (region.x1 - region.x0) * (region.y1 - region.y0)
  const solidity = region.pixels / area
  const size = 1 - Math.exp(-region.pixels / 600)
  const jitter = ((region.x0 * 31 + region.y0 * 17) % 100) / 10_000
  return Math.max(0, Math.min(1, size * solidity - jitter))
}

/** Intersection over union of two xyxy boxes. */
export function boxIou(
  a: { x0: number; y0: number; x1: number; y1: number },
  b: { x0: number; y0: number; x1: number; y1: number },
): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)
  if (w <= 0 || h <= 0) return 0
  const inter = w * h
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter
  return inter / union
}
