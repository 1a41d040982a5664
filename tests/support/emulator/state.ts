import { randomUUID } from 'node:crypto'
import {
  emptyStats,
  FAULT_KINDS,
  RECENT_LIMIT,
  resolveOptions,
  type EmulatorOptions,
  type EmulatorStats,
  type FaultKind,
  type RecordedRequest,
  type ResolvedOptions,
} from './options'

/** Size of the server's model LRU (MAX_ACTIVE_MODELS, §1.1). */
const MAX_ACTIVE_MODELS = 8

export interface LoadedModel {
  modelId: string
  taskType: string
  inputSize: number | null
}

/** mulberry32: a tiny seeded PRNG so fault sequences repeat run after run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Everything mutable about one emulator: knobs, counters, slots and the model cache. */
export class EmulatorState {
  options: ResolvedOptions
  stats: EmulatorStats = emptyStats()
  readonly serverId = randomUUID()
  private random: () => number
  private busySlots = 0
  private readonly waiting: (() => void)[] = []
  private readonly models = new Map<string, LoadedModel>()

  constructor(options: EmulatorOptions) {
    this.options = resolveOptions(options)
    this.random = seededRandom(this.options.seed)
  }

  setOptions(partial: Partial<EmulatorOptions>): void {
    const { apiKey, ...rest } = this.options
    this.options = resolveOptions({ ...rest, apiKey, ...partial })
    if (partial.seed !== undefined) this.random = seededRandom(this.options.seed)
    this.pumpSlots()
  }

  /** Zeroes counters but keeps what is in flight right now, so later decrements stay consistent. */
  resetStats(): void {
    const { inFlight, activeInferences } = this.stats
    this.stats = {
      ...emptyStats(),
      inFlight,
      maxInFlight: inFlight,
      activeInferences,
      maxActiveInferences: activeInferences,
    }
  }

  record(entry: RecordedRequest): void {
    const stats = this.stats
    stats.byRoute[entry.route] = (stats.byRoute[entry.route] ?? 0) + 1
    stats.lastRequest = entry
    stats.recentRequests.push(entry)
    if (stats.recentRequests.length > RECENT_LIMIT) stats.recentRequests.shift()
    const bodies = (stats.bodiesByRoute[entry.route] ??= [])
    bodies.push(entry.body)
    if (bodies.length > RECENT_LIMIT) bodies.shift()
  }

  enterInference(): void {
    this.stats.inFlight++
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight)
  }

  leaveInference(): void {
    this.stats.inFlight--
  }

  /** One draw per inference request; the first kind whose cumulative band holds it wins. */
  drawFault(): FaultKind | null {
    const roll = this.random()
    let band = 0
    for (const kind of FAULT_KINDS) {
      band += this.options.faults[kind] ?? 0
      if (roll < band) {
        this.stats.faultsInjected[kind]++
        return kind
      }
    }
    return null
  }

  /** Runs one model call under the model lock: FIFO for a slot, held for serviceTimeMs; work gets the slot's start time. */
  async runInference<T>(work: (startedAt: number) => Promise<T>): Promise<T> {
    await this.acquireSlot()
    const startedAt = performance.now()
    this.stats.inferences++
    this.stats.activeInferences++
    this.stats.maxActiveInferences = Math.max(
      this.stats.maxActiveInferences,
      this.stats.activeInferences,
    )
    try {
      if (this.options.serviceTimeMs > 0) await delay(this.options.serviceTimeMs)
      return await work(startedAt)
    } finally {
      this.stats.activeInferences--
      this.busySlots--
      this.pumpSlots()
    }
  }

  private acquireSlot(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve)
      this.pumpSlots()
    })
  }

  private pumpSlots(): void {
    while (this.busySlots < this.options.slots && this.waiting.length > 0) {
      this.busySlots++
      this.waiting.shift()?.()
    }
  }

  /** Marks a model as used; true when it had to be loaded (X-Model-Cold-Start, §1.0). */
  useModel(model: LoadedModel): boolean {
    const cold = !this.models.has(model.modelId)
    this.models.delete(model.modelId)
    this.models.set(model.modelId, model)
    if (this.models.size > MAX_ACTIVE_MODELS) {
      const oldest = this.models.keys().next().value
      if (oldest !== undefined) this.models.delete(oldest)
    }
    return cold
  }

  removeModel(modelId: string): void {
    this.models.delete(modelId)
  }

  clearModels(): void {
    this.models.clear()
  }

  loadedModels(): LoadedModel[] {
    return [...this.models.values()]
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
