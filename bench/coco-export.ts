import { stat } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import {
  buildCocoDataset,
  exportProject,
  formatCocoJson,
  validateCoco,
} from '../src/main/services/exports'
import { parseCoco } from '../src/main/services/imports'
import { ProjectStore } from '../src/main/services/projects/project-store'
import { COLOUR_NAMES } from '../tests/support/emulator'
import { makeImages, PER_IMAGE, writeDocs } from './lib/coco-data'
import { peakRssMb, rssMb, sampleRss } from './lib/machine'
import { fmt, percentile, round } from './lib/stats'
import type { Benchmark } from './lib/types'
const BUDGET_MS = 1_000

/** Issue 7 §4: COCO export of 100,000 annotations over 10,000 images. */
export const cocoExport: Benchmark = {
  name: 'coco-export',
  what: `Time to build the COCO dataset for 100,000 annotations over 10,000 images (buildCocoDataset + formatCocoJson), the pre-flight check (validateCoco), and exportProject end to end from a project's annotation docs, reading the file back as an import does (parseCoco); peak memory of the process.`,
  target: `build + format < ${BUDGET_MS} ms`,
  async run(ctx) {
    const imageCount = 10_000
    const baseRss = rssMb()
    const images = makeImages(imageCount)
    const classes = [...COLOUR_NAMES]
    const afterData = rssMb()
    const timings: { build: number; format: number; validate: number; cpu: number }[] = []
    let bytes = 0
    let lastJson = ''
    for (let pass = 0; pass < 4; pass++) {
      const cpu = process.cpuUsage()
      const t0 = performance.now()
      const built = buildCocoDataset({ classes, images })
      const t1 = performance.now()
      const json = formatCocoJson(built.dataset)
      const t2 = performance.now()
      const used = process.cpuUsage(cpu)
      const check = validateCoco(built.dataset, { categoryBase: 1, classes })
      const t3 = performance.now()
      if (!check.ok)
        throw new Error(`the dataset failed its own check: ${check.problems[0]?.message}`)
      if (built.dataset.annotations.length !== imageCount * PER_IMAGE)
        throw new Error(
          `expected ${imageCount * PER_IMAGE} annotations, got ${built.dataset.annotations.length}`,
        )
      bytes = Buffer.byteLength(json)
      lastJson = json
      const cpuMs = (used.user + used.system) / 1000
      timings.push({ build: t1 - t0, format: t2 - t1, validate: t3 - t2, cpu: cpuMs })
    }
    const peakAfterBuild = peakRssMb()
    // An export runs once, cold: the first round is the figure checked; warm rounds are shown too.
    const warm = timings.slice(1)
    const best = (pick: (t: (typeof timings)[number]) => number) => percentile(warm.map(pick), 50)
    const first = timings[0]!
    const buildMs = first.build + first.format

    // The way back: an import reads the same file and matches its 10,000 names to the folder.
    const importStarted = performance.now()
    const imported = parseCoco(JSON.parse(lastJson), {
      imageKeys: images.map((i) => i.key),
      knownClasses: classes,
    })
    const importMs = performance.now() - importStarted
    const importedBoxes = imported.images.reduce((n, i) => n + i.boxes.length, 0)
    if (importedBoxes !== imageCount * PER_IMAGE)
      throw new Error(`the import read ${importedBoxes} of ${imageCount * PER_IMAGE} boxes back`)

    const e2eImages = ctx.quick ? 2_000 : imageCount
    ctx.log(`writing ${e2eImages} annotation docs`)
    const store = await ProjectStore.openOrCreate(
      join(ctx.workDir, 'project'),
      join(ctx.workDir, 'images'),
    )
    await writeDocs(store, images.slice(0, e2eImages))
    await store.update((f) => ({ ...f, classes: classes.map((name) => ({ name })) }))
    const sampler = sampleRss()
    const started = performance.now()
    const outFile = join(ctx.workDir, 'coco.json')
    const summary = await exportProject({
      store,
      format: 'coco',
      outFile,
      imageKeys: images.slice(0, e2eImages).map((i) => i.key),
    })
    const e2eMs = performance.now() - started
    const sampled = sampler.stop()
    const e2eBytes = (await stat(outFile)).size
    const ratio = buildMs / BUDGET_MS
    const notes = [
      `First (cold) round: build ${fmt(first.build, 0)} ms + format ${fmt(first.format, 0)} ms, ${fmt(first.cpu, 0)} ms of CPU; warm rounds (median) ${fmt(
        best((t) => t.build),
        0,
      )} + ${fmt(
        best((t) => t.format),
        0,
      )} ms. The pre-flight check (validateCoco) adds ${fmt(first.validate, 0)} ms cold, ${fmt(
        best((t) => t.validate),
        0,
      )} ms warm. JSON ${fmt(bytes / 1e6, 1)} MB.`,
      `exportProject end to end over ${e2eImages.toLocaleString('en')} images (${summary.annotations.toLocaleString('en')} annotations; reading ${e2eImages.toLocaleString('en')} annotation files, build, check, atomic write): ${fmt(e2eMs / 1000, 2)} s, ${fmt(e2eBytes / 1e6, 1)} MB written.`,
      `Reading it back for an import (JSON.parse + parseCoco, names matched to ${imageCount.toLocaleString('en')} image keys): ${fmt(importMs, 0)} ms.`,
      `Memory: RSS ${baseRss} MB at start, ${afterData} MB with the 10,000 images' annotations in memory, peak ${peakAfterBuild} MB after the build rounds; sampled peak during exportProject ${sampled.peakMb} MB; process peak ${peakRssMb()} MB.`,
    ]
    if (ratio >= 1)
      notes.push(
        `Missed by ${fmt((ratio - 1) * 100, 0)}%. ${
          first.cpu < BUDGET_MS
            ? `The process used only ${fmt(first.cpu, 0)} ms of CPU in that time: the machine was busy with other work (load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores).`
            : 'The build itself needs that much CPU time.'
        }`,
      )
    return {
      headline: `build + format ${fmt(buildMs, 0)} ms wall (${fmt(first.cpu, 0)} ms CPU) for 100,000 annotations, cold; exportProject ${fmt(e2eMs / 1000, 2)} s for ${e2eImages.toLocaleString('en')} images; peak RSS ${peakRssMb()} MB`,
      ratio: { value: round(ratio, 3), label: 'build time / 1 s' },
      checks: [
        {
          label: 'buildCocoDataset + formatCocoJson, cold, wall clock',
          value: round(buildMs, 1),
          unit: 'ms',
          target: `< ${BUDGET_MS} ms`,
          met: buildMs < BUDGET_MS,
        },
        {
          label: 'the same build, CPU time of the process (less sensitive to other load)',
          value: round(first.cpu, 1),
          unit: 'ms',
          target: 'none',
          met: null,
        },
        {
          label: 'exportProject end to end',
          value: round(e2eMs, 0),
          unit: 'ms',
          target: 'none',
          met: null,
        },
        {
          label: 'reading the file back for an import (JSON.parse + parseCoco)',
          value: round(importMs, 0),
          unit: 'ms',
          target: 'none',
          met: null,
        },
        {
          label: 'peak RSS of the process',
          value: peakRssMb(),
          unit: 'MB',
          target: 'none',
          met: null,
        },
      ],
      config: {
        images: imageCount,
        annotationsPerImage: PER_IMAGE,
        classes: classes.length,
        e2eImages,
        rounds: timings.length,
      },
      raw: {
        timingsMs: timings.map((t) => ({
          build: round(t.build, 1),
          format: round(t.format, 1),
          validate: round(t.validate, 1),
        })),
        jsonBytes: bytes,
        e2e: {
          ms: round(e2eMs, 0),
          bytes: e2eBytes,
          images: summary.images,
          annotations: summary.annotations,
        },
        rssMb: {
          start: baseRss,
          withData: afterData,
          peakAfterBuild,
          sampledDuringExport: sampled.peakMb,
          peak: peakRssMb(),
        },
      },
      notes,
    }
  },
}
