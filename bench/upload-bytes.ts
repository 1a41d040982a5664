import { randomUUID } from 'node:crypto'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Services } from '../src/main/services'
import type { DetectionResult, ImageInfo } from '../src/shared/contract'
import { COLOUR_NAMES } from '../tests/support/emulator'
import { writeShapesImage } from '../tests/support/test-images'
import { startEmulatorProcess, type EmulatorProcess } from './lib/emulator-process'
import { matchIous, placeShapes, writeTexturedImage, type ShapeSpec } from './lib/images'
import { call, startServices, useEmulatorProfile } from './lib/services-host'
import { fmt, mean, round } from './lib/stats'
import type { BenchCheck, Benchmark } from './lib/types'

const WIDTH = 4000
const HEIGHT = 3000
/** Full size, the profile default (1024, as the SDK), and the previous default (1280). */
const SIDES = [0, 1024, 1280] as const
const MAX_RATIO = 0.1
const MIN_IOU = 0.97

type Content = 'photo-like' | 'flat'
interface Photo {
  path: string
  truth: ShapeSpec[]
  fileBytes: number
}
interface Side {
  maxUploadSide: number
  wireBytes: number[]
  ious: number[]
  uploadSize: string
  ms: number[]
}

/** Writes `count` 12 MP JPEGs of one kind of content, with their true shapes. */
async function writePhotos(dir: string, content: Content, count: number): Promise<Photo[]> {
  const photos: Photo[] = []
  for (let i = 0; i < count; i++) {
    const path = join(dir, `${content}-${i}.jpg`)
    const truth = placeShapes(WIDTH, HEIGHT, 6, 100 + i, { minSide: 120, maxSide: 1000 })
    if (content === 'flat')
      await writeShapesImage(path, { width: WIDTH, height: HEIGHT, shapes: truth })
    else
      await writeTexturedImage(path, { width: WIDTH, height: HEIGHT, shapes: truth, seed: i + 1 })
    photos.push({ path, truth, fileBytes: (await stat(path)).size })
  }
  return photos
}

/** Detects every photo at each upload side; bytes are the JSON bodies the emulator received. */
async function measure(services: Services, emulator: EmulatorProcess, photos: Photo[]) {
  const opened: ImageInfo[] = []
  for (const p of photos)
    opened.push(await call<ImageInfo>(services, 'image.open', { path: p.path }))
  const sides: Side[] = []
  for (const maxUploadSide of SIDES) {
    await emulator.resetStats()
    const side: Side = { maxUploadSide, wireBytes: [], ious: [], uploadSize: '', ms: [] }
    for (const [index, image] of opened.entries()) {
      const started = performance.now()
      const result = await call<DetectionResult>(services, 'detection.run', {
        requestId: randomUUID(),
        imageId: image.id,
        model: { kind: 'grounding-dino', classes: [...COLOUR_NAMES] },
        maxUploadSide,
      })
      side.ms.push(performance.now() - started)
      side.uploadSize = `${result.uploadWidth}x${result.uploadHeight}`
      side.ious.push(...matchIous(photos[index]!.truth, result.detections))
    }
    const bodies = (await emulator.stats()).bodySizes['/grounding_dino/infer'] ?? []
    side.wireBytes = bodies.slice(-opened.length).map((b) => b.bodyBytes)
    sides.push(side)
  }
  return sides
}

/** Checks and a sentence for one kind of content. */
function judge(content: Content, photos: Photo[], sides: Side[]) {
  const [full, small, smaller] = sides as [Side, Side, Side]
  const ratio = mean(small.wireBytes) / mean(full.wireBytes)
  const iou = mean(small.ious)
  const checks: BenchCheck[] = [
    {
      label: `${content}: bytes at 1024 (default) / full size`,
      value: round(ratio, 4),
      unit: '',
      target: `<= ${MAX_RATIO}`,
      met: ratio <= MAX_RATIO,
    },
    {
      label: `${content}: mean IoU at 1024 (default)`,
      value: round(iou, 4),
      unit: '',
      target: `>= ${MIN_IOU}`,
      met: iou >= MIN_IOU,
    },
  ]
  const kB = (s: Side) => fmt(mean(s.wireBytes) / 1e3, 0)
  const note = `${content}: files ${fmt(mean(photos.map((p) => p.fileBytes)) / 1e6)} MB. Full size ${kB(full)} kB per request (IoU ${fmt(mean(full.ious), 4)}, ${fmt(mean(full.ms), 0)} ms); 1024 (${small.uploadSize}) ${kB(small)} kB = ${fmt(ratio, 3)} (IoU ${fmt(iou, 4)}, lowest ${fmt(Math.min(...small.ious), 4)}, ${fmt(mean(small.ms), 0)} ms); 1280 (${smaller.uploadSize}) ${kB(smaller)} kB = ${fmt(mean(smaller.wireBytes) / mean(full.wireBytes), 3)} (IoU ${fmt(mean(smaller.ious), 4)}).`
  return { checks, note, ratio, iou }
}

/** Issue 7 §2: what downscaling saves on the wire, and what it costs in box accuracy. */
export const uploadBytes: Benchmark = {
  name: 'upload-bytes',
  what: `Bytes sent per 12-megapixel JPEG (${WIDTH}x${HEIGHT}, 6 shapes of 120-1000 px, quality 90) without downscaling (maxUploadSide 0), with the profile default (1024) and with 1280, and the mean IoU of the returned boxes with the true shapes; two kinds of content: flat shapes (test-images.ts) and photo-like texture.`,
  target: `at the default 1024: <= ${MAX_RATIO} of full-size bytes, mean IoU >= ${MIN_IOU}`,
  async run(ctx) {
    const count = ctx.quick ? 2 : 5
    const emulator = await startEmulatorProcess(ctx.entry, { slots: 2, serviceTimeMs: 0 })
    const services = startServices(join(ctx.workDir, 'data'))
    try {
      await useEmulatorProfile(services, emulator.url, { maxUploadSide: 1024 })
      const results = []
      for (const content of ['photo-like', 'flat'] as const) {
        ctx.log(`${content}: writing ${count} 12 MP images, detecting at ${SIDES.join(', ')}`)
        const photos = await writePhotos(ctx.workDir, content, count)
        const sides = await measure(services, emulator, photos)
        results.push({ content, photos, sides, ...judge(content, photos, sides) })
      }
      const [photo, flat] = results as [(typeof results)[number], (typeof results)[number]]
      const pixelRatio = (1024 * 768) / (WIDTH * HEIGHT)
      const notes = [photo.note, flat.note]
      notes.push(
        `Pixels fall to ${fmt(pixelRatio, 4)} at 1024, but JPEG bytes follow what is in the picture: flat areas cost little at any size, edges cost by their length (which falls ${fmt(WIDTH / 1024, 2)}x, not ${fmt(1 / pixelRatio, 1)}x), and detail at every scale keeps each remaining pixel as busy. Only grain finer than an upload pixel, which the downscale averages away, makes bytes fall faster than pixels.`,
        `The seeds' client sends the original file as base64: ${fmt(mean(photo.photos.map((p) => (p.fileBytes * 4) / 3)) / 1e6)} MB for the photo-like files.`,
      )
      for (const r of results) {
        if (r.ratio > MAX_RATIO)
          notes.push(
            `${r.content}: bytes missed by ${fmt((r.ratio / MAX_RATIO - 1) * 100, 0)}% at 1024 (${fmt(r.ratio, 3)} vs ${MAX_RATIO}).`,
          )
        if (r.iou < MIN_IOU)
          notes.push(
            `${r.content}: IoU missed; each box edge may move by one upload pixel (${fmt(WIDTH / 1024, 2)} original pixels).`,
          )
      }
      const part = (r: typeof photo) => `${r.content} ${fmt(r.ratio, 3)} (IoU ${fmt(r.iou, 3)})`
      return {
        headline: `bytes at 1024 (default) / full size: ${part(photo)}, ${part(flat)}`,
        ratio: { value: round(photo.ratio, 4), label: 'photo-like bytes at 1024 / full size' },
        checks: [...photo.checks, ...flat.checks],
        config: {
          imagesPerContent: count,
          size: `${WIDTH}x${HEIGHT}`,
          shapesPerImage: 6,
          shapeSides: '120-1000 px',
          maxUploadSide: SIDES,
          bytes: 'JSON request bodies as the emulator received them',
        },
        raw: {
          contents: results.map((r) => ({
            content: r.content,
            fileBytes: r.photos.map((p) => p.fileBytes),
            sides: r.sides.map((s) => ({
              ...s,
              ious: s.ious.map((v) => round(v, 4)),
              ms: s.ms.map((v) => round(v, 0)),
            })),
          })),
        },
        notes,
      }
    } finally {
      await services.close()
      await emulator.close()
    }
  },
}
