import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { EmulatorOptions, EmulatorStats, FaultRates } from './options'
import { HangTracker, handleRequest } from './server'
import { EmulatorState } from './state'

export type {
  EmulatorOptions,
  EmulatorStats,
  FaultRates,
  LegacyModel,
  RecordedRequest,
} from './options'
export { COLOUR_NAMES, PALETTE, type ColourName } from './palette'

export interface Emulator {
  url: string
  port: number
  /** Live counters; read them after the requests you care about have settled. */
  readonly stats: EmulatorStats
  setFaults(faults: FaultRates): void
  setOptions(partial: Partial<EmulatorOptions>): void
  resetStats(): void
  close(): Promise<void>
}

/** Starts a content-aware Roboflow Inference 1.5 stand-in on 127.0.0.1 (inference-api.md). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const state = new EmulatorState(options)
  const hangs = new HangTracker()
  const server = createServer((req, res) => {
    void handleRequest(state, hangs, req, res)
  })
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(state.options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  let closing: Promise<void> | null = null
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get stats() {
      return state.stats
    },
    setFaults: (faults) => state.setOptions({ faults }),
    setOptions: (partial) => state.setOptions(partial),
    resetStats: () => state.resetStats(),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        hangs.releaseAll()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}
