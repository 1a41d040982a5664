import { link, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import type { AnnotationBox } from '../src/shared/annotations'
import { exportProject, renderAnnotatedImage } from '../src/main/services/exports'
import { ProjectStore } from '../src/main/services/projects/project-store'
import { COLOUR_NAMES } from '../tests/support/emulator'
import { placeShapes, writeTexturedImage, type ShapeSpec } from './lib/images'
import { fmt, percentile, round } from './lib/stats'
import type { Benchmark } from './lib/types'

const BOXES = 20
const SOURCES = 4

interface SizeRun {
  size: string
  images: number
  renderPerSecond: number
  exportPerSecond: number
  plainPerSecond: number
}

const toBoxes = (shapes: readonly ShapeSpec[]): AnnotationBox[] =>
  shapes.map((s, i) => ({
    id: `b${i}`,
    className: s.colour,
    box: { x: s.x, y: s.y, width: s.width, height: s.height },
    confidence: 0.87,
    source: 'model',
    state: 'accepted',
  }))

/** Median milliseconds of one call, as calls per second. */
const perSecond = (ms: number[]): number => 1000 / percentile(ms, 50)

/** Times `work(i)` once per image; the caller interleaves kinds so load swings hit both alike. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

/** Writes photo-like sources of one size, then times plain, annotated and exported images. */
async function measureSize(
  dir: string,
  width: number,
  height: number,
  count: number,
): Promise<SizeRun> {
  const imagesDir = join(dir, 'images')
  await mkdir(imagesDir, { recursive: true })
  const sources: { path: string; boxes: AnnotationBox[] }[] = []
  const side = Math.round(width / 12)
  for (let s = 0; s < SOURCES; s++) {
    const shapes = placeShapes(width, height, BOXES, 500 + s, {
      minSide: side / 2,
      maxSide: side * 2,
    })
    const path = join(dir, `source${s}.jpg`)
    await writeTexturedImage(path, { width, height, shapes, seed: s + 11 })
    sources.push({ path, boxes: toBoxes(shapes) })
  }
  const source = (i: number) => sources[i % SOURCES]!
  const classes = [...COLOUR_NAMES]
  // The floor (decode, orient, re-encode, no overlay) and the annotated render, image by image.
  const plainMs: number[] = []
  const renderMs: number[] = []
  for (let i = 0; i < count; i++) {
    plainMs.push(await timed(() => sharp(source(i).path).rotate().jpeg({ quality: 90 }).toBuffer()))
    renderMs.push(
      await timed(() =>
        renderAnnotatedImage({
          sourcePath: source(i).path,
          boxes: source(i).boxes,
          classes,
          options: { labels: true, states: ['accepted', 'edited'] },
        }),
      ),
    )
  }
  const plainPerSecond = perSecond(plainMs)
  const renderPerSecond = perSecond(renderMs)
  const store = await ProjectStore.openOrCreate(join(dir, 'project'), imagesDir)
  for (let i = 0; i < count; i++) {
    const key = `img${String(i).padStart(4, '0')}.jpg`
    await link(source(i).path, join(imagesDir, key))
    await store.writeAnnotations({ key, width, height, boxes: source(i).boxes, lastRun: null })
  }
  const started = performance.now()
  const summary = await exportProject({ store, format: 'annotated', outDir: join(dir, 'out') })
  const exportPerSecond = summary.images / ((performance.now() - started) / 1000)
  return {
    size: `${width}x${height}`,
    images: count,
    renderPerSecond,
    exportPerSecond,
    plainPerSecond,
  }
}

/** Issue 7 §3: how fast annotated images are rendered with sharp in the main process. */
export const annotatedExport: Benchmark = {
  name: 'annotated-export',
  what: `Annotated images per second (${BOXES} boxes with "class 0.87" tags each, JPEG out) at 1280x960 and at 12 MP: renderAnnotatedImage alone (median per image) and exportProject('annotated') end to end, next to sharp's plain decode + re-encode of the same images (interleaved with the renders). Issue 7 sets no target here; the ratio to the plain re-encode shows what the overlay costs.`,
  target: 'none (reported)',
  async run(ctx) {
    const small = ctx.quick ? 12 : 40
    const large = ctx.quick ? 3 : 8
    ctx.log(`1280x960 x ${small}`)
    const a = await measureSize(join(ctx.workDir, 'small'), 1280, 960, small)
    ctx.log(`4000x3000 x ${large}`)
    const b = await measureSize(join(ctx.workDir, 'large'), 4000, 3000, large)
    const runs = [a, b]
    const ratio = b.renderPerSecond / b.plainPerSecond
    return {
      headline: `1280x960: ${fmt(a.exportPerSecond, 1)} img/s; 12 MP: ${fmt(b.exportPerSecond, 2)} img/s (exportProject, one at a time)`,
      ratio: { value: round(ratio, 3), label: '12 MP annotated / plain re-encode' },
      checks: runs.map((r) => ({
        label: `${r.size} exportProject('annotated')`,
        value: round(r.exportPerSecond, 2),
        unit: 'images/s',
        target: 'none',
        met: null,
      })),
      config: {
        boxesPerImage: BOXES,
        labels: true,
        format: 'JPEG q90 (same as source)',
        sourceImages: `${SOURCES} distinct photo-like JPEGs per size, reused`,
        concurrency: 'sequential (as exportProject renders)',
      },
      raw: {
        runs: runs.map((r) => ({
          ...r,
          renderPerSecond: round(r.renderPerSecond, 2),
          exportPerSecond: round(r.exportPerSecond, 2),
          plainPerSecond: round(r.plainPerSecond, 2),
        })),
      },
      notes: runs.map(
        (r) =>
          `${r.size}: renderAnnotatedImage ${fmt(r.renderPerSecond, 2)} img/s, exportProject ${fmt(r.exportPerSecond, 2)} img/s, plain decode + re-encode ${fmt(r.plainPerSecond, 2)} img/s (overlay and tags cost ${fmt((1 - r.renderPerSecond / r.plainPerSecond) * 100, 0)}% of the rate).`,
      ),
    }
  },
}
