import { cpus, loadavg, platform, release, totalmem } from 'node:os'
import type { MachineInfo } from './types'

/** Describes the machine a result was measured on (shared machines are noisy: load is recorded). */
export function machineInfo(): MachineInfo {
  const list = cpus()
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  }
}

/** Peak resident set size of this process so far, in MB (the kernel's own high-water mark). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024)
}

/** Resident set size right now, in MB. */
export function rssMb(): number {
  return Math.round(process.memoryUsage().rss / 2 ** 20)
}

/** Samples RSS every `everyMs` until stopped; catches peaks between awaits, not inside sync work. */
export function sampleRss(everyMs = 20): { stop(): { peakMb: number; samples: number } } {
  let peak = process.memoryUsage().rss
  let samples = 0
  const timer = setInterval(() => {
    samples++
    peak = Math.max(peak, process.memoryUsage().rss)
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      peak = Math.max(peak, process.memoryUsage().rss)
      return { peakMb: Math.round(peak / 2 ** 20), samples }
    },
  }
}
