/** One measured condition compared with its target; `met` is null when there is no target. */
export interface BenchCheck {
  label: string
  value: number | null
  unit: string
  /** Human form of the target, e.g. '>= 0.95'. */
  target: string
  met: boolean | null
}

/** What a benchmark hands back; the runner adds machine, timing and mode before writing it. */
export interface BenchOutcome {
  /** One line for the table: the headline numbers. */
  headline: string
  /** The main ratio and what it divides. */
  ratio: { value: number | null; label: string }
  checks: BenchCheck[]
  config: Record<string, unknown>
  raw: Record<string, unknown>
  /** Explanations: why a target was missed, what could not be measured. */
  notes: string[]
}

export interface MachineInfo {
  cpus: number
  cpuModel: string
  memoryGb: number
  node: string
  platform: string
  /** 1-minute load average when the benchmark started: other work on a shared machine. */
  loadAverage: number
  /** The same when it ended. */
  loadAverageEnd?: number
}

/** The file written to bench/results/<name>.json. */
export interface BenchResult extends BenchOutcome {
  name: string
  what: string
  target: string
  /** All checks met: true; any missed: false; nothing to check or not measured: null. */
  met: boolean | null
  quick: boolean
  machine: MachineInfo
  startedAt: string
  durationMs: number
  /** Set when the benchmark could not run to the end. */
  error: string | null
}

/** Everything a benchmark gets from the runner. */
export interface BenchContext {
  quick: boolean
  /** A fresh temporary folder, removed afterwards. */
  workDir: string
  /** The built bench entry (out/main/bench.js), to fork helper processes from. */
  entry: string
  /** The repository root (out/renderer, docs/ and bench/results/ live under it). */
  root: string
  log(message: string): void
}

export interface Benchmark {
  name: string
  what: string
  target: string
  run(context: BenchContext): Promise<BenchOutcome>
}
