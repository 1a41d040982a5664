import { join } from 'node:path'
import { COLOUR_NAMES } from '../tests/support/emulator'
import { runBaseline, runSaturating, type BaselineRun } from './lib/baseline-client'
import { startEmulatorProcess, type EmulatorCounters } from './lib/emulator-process'
import { writeShapesSet } from './lib/image-sets'
import { runBatch, startServices, useEmulatorProfile } from './lib/services-host'
import { fmt, mean, round } from './lib/stats'
import type { Benchmark } from './lib/types'

const SLOTS = 2
const SERVICE_MS = 200
const CAPACITY = SLOTS / (SERVICE_MS / 1000)
const TARGET = 0.95
const CONCURRENCY = 4

/** Emulator counters without the per-body sizes, which only upload-bytes needs. */
const counters = (stats: EmulatorCounters) => ({ ...stats, bodySizes: undefined })
const rateOf = (run: BaselineRun) => (run.images - run.failed) / run.seconds
/** Fraction of the time both slots were busy: how much of the server's real capacity was used. */
const utilization = (stats: EmulatorCounters, seconds: number) =>
  stats.busySlotMs / (SLOTS * seconds * 1000)
/** The raw numbers kept for a reference client's run. */
const summary = (run: BaselineRun, stats: EmulatorCounters) => ({
  seconds: round(run.seconds),
  images: run.images,
  failed: run.failed,
  imagesPerSecond: round(rateOf(run)),
  slotUtilization: round(utilization(stats, run.seconds), 3),
  meanBodyBytes: Math.round(run.bodyBytes / run.images),
  meanServerMs: round(mean(run.serverTimes) * 1000, 1),
  emulator: counters(stats),
})

/** Issue 7 §1: the batch engine against a one-request-at-a-time client and the server's real limit. */
export const batchThroughput: Benchmark = {
  name: 'batch-throughput',
  what: `Images per second over a folder of 1280x960 JPEGs, emulator with ${SLOTS} slots x ${SERVICE_MS} ms (nominal capacity ${CAPACITY} images/s): Promptlabel's batch engine ('batch.start', ${CONCURRENCY} requests in flight) vs a one-request-at-a-time client sending the full-size JPEG as base64 in a loop, and vs the physical limit (bodies encoded in advance, ${CONCURRENCY} in flight).`,
  target: `engine >= ${TARGET} of capacity`,
  async run(ctx) {
    const count = ctx.quick ? 60 : 200
    const imagesDir = join(ctx.workDir, 'images')
    ctx.log(`writing ${count} images`)
    const files = await writeShapesSet(imagesDir, {
      count,
      width: 1280,
      height: 960,
      shapes: 5,
      minSide: 60,
      maxSide: 320,
    })
    const paths = files.map((f) => f.path)
    const emulator = await startEmulatorProcess(ctx.entry, {
      slots: SLOTS,
      serviceTimeMs: SERVICE_MS,
      seed: 1,
    })
    const services = startServices(join(ctx.workDir, 'data'))
    const classes = [...COLOUR_NAMES]
    try {
      ctx.log('one-at-a-time client')
      const baseline = await runBaseline(emulator.url, paths, classes)
      const baselineStats = await emulator.stats()
      await emulator.resetStats()
      ctx.log('physical limit')
      const limit = await runSaturating(emulator.url, paths, classes, CONCURRENCY)
      const limitStats = await emulator.stats()
      await emulator.resetStats()

      ctx.log('batch engine')
      await useEmulatorProfile(services, emulator.url, {
        maxConcurrency: CONCURRENCY,
        maxUploadSide: 1280,
      })
      const started = performance.now()
      const result = await runBatch(services, {
        projectDir: join(ctx.workDir, 'project'),
        imagesDir,
        model: { kind: 'grounding-dino', classes },
        scope: 'all',
      })
      const seconds = (performance.now() - started) / 1000
      const engineStats = await emulator.stats()

      const engineRate = result.done / seconds
      const baselineRate = rateOf(baseline)
      const limitRate = rateOf(limit)
      const ratio = engineRate / CAPACITY
      const engineUse = utilization(engineStats, seconds)
      const slotMs = engineStats.busySlotMs / Math.max(1, engineStats.inferences)
      const realCapacity = (SLOTS * 1000) / slotMs
      const notes = [
        `One-at-a-time client: ${fmt(baselineRate)} images/s = ${fmt(baselineRate / CAPACITY, 3)} of capacity (its slots were busy ${fmt(utilization(baselineStats, baseline.seconds), 3)} of the time: it never uses the second one); the batch engine is ${fmt(engineRate / baselineRate)}x faster.`,
        `The emulator decodes and searches each image inside its slot, so a slot was held ${fmt(slotMs, 1)} ms per inference during the engine's run (${SERVICE_MS} ms nominal): the real capacity was ${fmt(realCapacity)} images/s, ${fmt(realCapacity / CAPACITY, 3)} of the nominal. The engine kept the slots busy ${fmt(engineUse, 3)} of its run time (the ideal client with bodies encoded in advance: ${fmt(utilization(limitStats, limit.seconds), 3)}, ${fmt(limitRate)} images/s).`,
        `Highest inferences at once: engine ${engineStats.maxActiveInferences}, one-at-a-time ${baselineStats.maxActiveInferences}, ideal ${limitStats.maxActiveInferences}; requests open at once: engine ${engineStats.maxInFlight}.`,
      ]
      if (ratio < TARGET) {
        notes.push(
          `Missed by ${fmt((1 - ratio / TARGET) * 100, 1)}% of the target rate (${fmt(engineRate)} vs ${fmt(TARGET * CAPACITY)} images/s). ${
            realCapacity < TARGET * CAPACITY
              ? `No client can reach it against this emulator on this machine: its real capacity was ${fmt(realCapacity / CAPACITY, 3)} of the nominal one.`
              : 'The engine leaves the slots idle part of the time (client-side preparation or scheduling).'
          }`,
        )
      }
      if (result.failed > 0) notes.push(`${result.failed} images failed in the engine run.`)
      return {
        headline: `engine ${fmt(engineRate)} img/s vs one-at-a-time ${fmt(baselineRate)} img/s (nominal capacity ${CAPACITY}, real ${fmt(realCapacity)}); slots busy ${fmt(engineUse * 100, 0)}% of the engine's run`,
        ratio: { value: round(ratio, 3), label: 'engine / nominal capacity' },
        checks: [
          {
            label: 'batch engine / nominal capacity',
            value: round(ratio, 3),
            unit: '',
            target: `>= ${TARGET}`,
            met: ratio >= TARGET,
          },
          {
            label:
              "batch engine: share of the run both slots were busy (of the server's real capacity)",
            value: round(engineUse, 3),
            unit: '',
            target: 'none',
            met: null,
          },
          {
            label: 'one-at-a-time client / nominal capacity',
            value: round(baselineRate / CAPACITY, 3),
            unit: '',
            target: 'none',
            met: null,
          },
        ],
        config: {
          images: count,
          size: '1280x960 JPEG q90, 5 solid shapes',
          slots: SLOTS,
          serviceTimeMs: SERVICE_MS,
          capacity: CAPACITY,
          engine: { concurrency: CONCURRENCY, maxUploadSide: 1280, model: 'grounding-dino' },
          classes,
        },
        raw: {
          engine: {
            seconds: round(seconds),
            done: result.done,
            failed: result.failed,
            imagesPerSecond: round(engineRate),
            slotUtilization: round(engineUse, 3),
            slotMsPerInference: round(slotMs, 1),
            emulator: counters(engineStats),
          },
          baseline: summary(baseline, baselineStats),
          limit: summary(limit, limitStats),
          speedup: round(engineRate / baselineRate),
        },
        notes,
      }
    } finally {
      await services.close()
      await emulator.close()
    }
  },
}
