import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { machineInfo } from './machine'
import { refreshDocs, writeResult } from './report'
import type { BenchContext, BenchResult, Benchmark } from './types'

/** The repository root: the nearest folder above the built entry that holds package.json. */
export function findRoot(entry: string): string {
  let dir = dirname(resolve(entry))
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir)
  return dir
}

/** Runs one benchmark in this process (the child side) and returns its full result. */
export async function runHere(
  bench: Benchmark,
  entry: string,
  quick: boolean,
): Promise<BenchResult> {
  const startedAt = new Date()
  const machine = machineInfo()
  const started = performance.now()
  const workDir = await mkdtemp(join(tmpdir(), `promptlabel-bench-${bench.name}-`))
  const context: BenchContext = {
    quick,
    workDir,
    entry,
    root: findRoot(entry),
    log: (message) => console.log(`  [${bench.name}] ${message}`),
  }
  const base = { name: bench.name, what: bench.what, target: bench.target, quick, machine }
  try {
    const outcome = await bench.run(context)
    machine.loadAverageEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100
    const checked = outcome.checks.filter((c) => c.met !== null)
    return {
      ...base,
      ...outcome,
      met: checked.length === 0 ? null : checked.every((c) => c.met === true),
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      error: null,
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`  [${bench.name}] failed:`, error)
    return {
      ...base,
      headline: '',
      ratio: { value: null, label: '' },
      checks: [],
      config: {},
      raw: {},
      notes: [],
      met: null,
      startedAt: startedAt.toISOString(),
      durationMs: Math.round(performance.now() - started),
      error: message.split('\n')[0]!.slice(0, 300),
    }
  } finally {
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined)
  }
}

/** Runs a benchmark in a fresh child process, so its timings and peak memory are its own. */
function runInChild(entry: string, name: string, quick: boolean, limitMs: number) {
  return new Promise<BenchResult | null>((resolvePromise) => {
    const args = ['--child', name, ...(quick ? ['--quick'] : [])]
    const child = fork(entry, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    let result: BenchResult | null = null
    const timer = setTimeout(() => {
      console.error(`  [${name}] still running after ${limitMs / 1000} s: stopped`)
      child.kill('SIGKILL')
    }, limitMs)
    child.on('message', (message: { result?: BenchResult }) => {
      if (message.result) result = message.result
    })
    child.once('exit', () => {
      clearTimeout(timer)
      resolvePromise(result)
    })
  })
}

/** The parent side: each named benchmark in turn, its JSON written and the docs table refreshed. */
export async function runAll(
  entry: string,
  benchmarks: readonly Benchmark[],
  names: readonly string[],
  quick: boolean,
): Promise<number> {
  const root = findRoot(entry)
  const known = new Map(benchmarks.map((b) => [b.name, b]))
  const unknown = names.filter((n) => !known.has(n))
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${[...known.keys()].join(', ')}`,
    )
    return 1
  }
  const chosen = names.length > 0 ? names.map((n) => known.get(n)!) : benchmarks
  const order = benchmarks.map((b) => b.name)
  for (const bench of chosen) {
    console.log(`== ${bench.name}${quick ? ' (quick)' : ''}: ${bench.what}`)
    const started = performance.now()
    const result =
      (await runInChild(entry, bench.name, quick, 20 * 60_000)) ??
      ({
        name: bench.name,
        what: bench.what,
        target: bench.target,
        quick,
        machine: machineInfo(),
        headline: '',
        ratio: { value: null, label: '' },
        checks: [],
        config: {},
        raw: {},
        notes: [],
        met: null,
        startedAt: new Date().toISOString(),
        durationMs: Math.round(performance.now() - started),
        error: 'the benchmark process ended without a result',
      } satisfies BenchResult)
    const path = await writeResult(root, result)
    const verdict = result.met === null ? 'n/a' : result.met ? 'met' : 'MISSED'
    console.log(
      `   ${result.error ?? result.headline}\n   target ${bench.target}: ${verdict} -> ${path}`,
    )
  }
  console.log(`docs refreshed: ${await refreshDocs(root, order)}`)
  return 0
}
