import { resolve } from 'node:path'
import { annotatedExport } from './annotated-export'
import { batchThroughput } from './batch-throughput'
import { canvas } from './canvas'
import { cocoExport } from './coco-export'
import { faultSoak } from './fault-soak'
import { largeFolder } from './large-folder'
import { runEmulatorChild } from './lib/emulator-process'
import { runAll, runHere } from './lib/runner'
import { promptLab } from './prompt-lab'
import type { Benchmark } from './lib/types'
import { uploadBytes } from './upload-bytes'

/** Every benchmark (issue 7, then later issues'), in the order the table lists them. */
const BENCHMARKS: Benchmark[] = [
  batchThroughput,
  uploadBytes,
  annotatedExport,
  cocoExport,
  canvas,
  largeFolder,
  faultSoak,
  promptLab,
]

const USAGE = `Usage: npm run bench [-- [--quick] [name ...]]
Benchmarks: ${BENCHMARKS.map((b) => b.name).join(', ')}`

/** `npm run bench`: the runner, a benchmark's own process (--child) or the emulator's (--emulator). */
async function main(argv: string[]): Promise<number> {
  const entry = resolve(process.argv[1] ?? 'out/main/bench.js')
  if (argv[0] === '--emulator') {
    await runEmulatorChild()
    return -1
  }
  const quick = argv.includes('--quick')
  const names = argv.filter((a) => !a.startsWith('--'))
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  if (argv[0] === '--child') {
    const bench = BENCHMARKS.find((b) => b.name === names[0])
    if (!bench) throw new Error(`unknown benchmark ${names[0]}`)
    const result = await runHere(bench, entry, quick)
    await new Promise<void>((done) => process.send?.({ result }, () => done()) ?? done())
    return 0
  }
  return runAll(entry, BENCHMARKS, names, quick)
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code)
  },
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
