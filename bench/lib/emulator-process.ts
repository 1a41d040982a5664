import { fork, type ChildProcess } from 'node:child_process'
import {
  startEmulator,
  type EmulatorOptions,
  type EmulatorStats,
} from '../../tests/support/emulator'

/** Sizes of the request bodies the emulator recorded for one route (its last 50). */
export interface BodySize {
  /** Bytes of the JSON body as sent. */
  bodyBytes: number
  /** Characters of the base64 image inside it. */
  imageBase64: number
}

export type EmulatorCounters = Omit<
  EmulatorStats,
  'lastRequest' | 'recentRequests' | 'bodiesByRoute'
> & {
  bodySizes: Record<string, BodySize[]>
  /** Slot-milliseconds spent inside inferences since the last reset (sampled every 2 ms). */
  busySlotMs: number
}

export interface EmulatorProcess {
  url: string
  pid: number
  stats(): Promise<EmulatorCounters>
  resetStats(): Promise<void>
  close(): Promise<void>
}

type Request = { id: number; type: 'stats' | 'reset' }
type Reply = { id: number; stats?: EmulatorCounters }

/** Measures a recorded body without sending megabytes of base64 over IPC. */
function sizeOf(body: unknown): BodySize {
  const image = (body as { image?: { value?: unknown } } | undefined)?.image?.value
  return {
    bodyBytes: Buffer.byteLength(typeof body === 'string' ? body : JSON.stringify(body ?? '')),
    imageBase64: typeof image === 'string' ? image.length : 0,
  }
}

function counters(stats: EmulatorStats, busySlotMs: number): EmulatorCounters {
  const { lastRequest: _l, recentRequests: _r, bodiesByRoute, ...rest } = stats
  const bodySizes: Record<string, BodySize[]> = {}
  for (const [route, bodies] of Object.entries(bodiesByRoute)) bodySizes[route] = bodies.map(sizeOf)
  return { ...rest, faultsInjected: { ...rest.faultsInjected }, bodySizes, busySlotMs }
}

/** Child side: runs one emulator and answers stats requests over IPC (started by `--emulator`). */
export async function runEmulatorChild(): Promise<void> {
  const options = JSON.parse(process.env['BENCH_EMULATOR'] ?? '{}') as EmulatorOptions
  const emulator = await startEmulator(options)
  // How busy the slots were: what fraction of the server's real capacity a client used.
  let busySlotMs = 0
  let last = performance.now()
  const sampler = setInterval(() => {
    const now = performance.now()
    busySlotMs += emulator.stats.activeInferences * (now - last)
    last = now
  }, 2)
  process.once('disconnect', () => clearInterval(sampler))
  process.on('message', (message: Request) => {
    if (message.type === 'reset') {
      emulator.resetStats()
      busySlotMs = 0
    }
    const reply: Reply = { id: message.id }
    if (message.type === 'stats') reply.stats = counters(emulator.stats, busySlotMs)
    process.send?.(reply)
  })
  process.once('disconnect', () => void emulator.close().then(() => process.exit(0)))
  process.send?.({ ready: emulator.url })
}

/**
 * Starts the emulator in its own process, so that its decoding never shares an event loop with the
 * services being measured (a real server is another process too).
 */
export async function startEmulatorProcess(
  entry: string,
  options: EmulatorOptions,
): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(entry, ['--emulator'], {
    env: { ...process.env, BENCH_EMULATOR: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)))
    child.once('message', (message: { ready?: string }) => {
      if (message.ready) resolve(message.ready)
    })
  })
  child.removeAllListeners('exit')
  let nextId = 1
  const pending = new Map<number, (reply: Reply) => void>()
  child.on('message', (reply: Reply) => {
    pending.get(reply.id)?.(reply)
    pending.delete(reply.id)
  })
  const ask = (type: Request['type']): Promise<Reply> =>
    new Promise((resolve) => {
      const id = nextId++
      pending.set(id, resolve)
      child.send({ id, type } satisfies Request)
    })
  return {
    url,
    pid: child.pid ?? -1,
    stats: async () => (await ask('stats')).stats!,
    resetStats: async () => void (await ask('reset')),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.disconnect()
      }),
  }
}
