import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import {
  doneCounts,
  gdFlags,
  jsonEvents,
  numberedNames,
  readLog,
  writeImages,
  type LogLine,
} from './annotate-support'
import { tempDir } from './helpers'

const BIN = resolve('bin/promptlabel.js')
/** These tests run the built executable; CI builds first (npx electron-vite build). */
const BUILT = existsSync(resolve('out/main/cli.js'))
const TOTAL = 30
const CONCURRENCY = 2

let dir: Awaited<ReturnType<typeof tempDir>>
let folder: string
let emulator: Emulator

beforeAll(async () => {
  dir = await tempDir('cli-annotate-resume')
  folder = join(dir.path, 'photos')
  await writeImages(folder, numberedNames(TOTAL))
  emulator = await startEmulator({ serviceTimeMs: 150, slots: 2 })
})
afterAll(async () => {
  await emulator.close()
  await dir.remove()
})

interface Started {
  child: ChildProcess
  exit: Promise<{ code: number | null; stdout: string; stderr: string }>
}

/** Starts `promptlabel annotate` as its own process, without the caller's API key. */
function start(out: string, server: Emulator = emulator, images = folder): Started {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env['ROBOFLOW_API_KEY']
  const args = [
    'annotate',
    images,
    '--out',
    out,
    ...gdFlags(server.url),
    '--concurrency',
    String(CONCURRENCY),
    '--json',
  ]
  const child = spawn(process.execPath, [BIN, ...args], { env })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (done, fail) => {
      child.on('error', fail)
      child.on('close', (code) => done({ code, stdout, stderr }))
    },
  )
  return { child, exit }
}

/** Polls results.jsonl; fails at once, with the child's own words, if it ends first. */
async function waitForLines(
  out: string,
  count: number,
  run: Started,
  counts: (line: LogLine) => boolean = () => true,
): Promise<void> {
  let ended: Awaited<Started['exit']> | null = null
  void run.exit.then((result) => (ended = result))
  const deadline = Date.now() + 15_000
  while ((await readLog(out)).filter(counts).length < count) {
    if (ended !== null) throw new Error(`annotate ended early: ${JSON.stringify(ended)}`)
    if (Date.now() > deadline) throw new Error(`results.jsonl never reached ${count} lines`)
    await new Promise((r) => setTimeout(r, 10))
  }
}

describe.skipIf(!BUILT)(
  'annotate, the built executable, stopped mid-run (skipped when out/main/cli.js is missing: build first)',
  () => {
    it('resumes after SIGKILL without redoing a finished image', async () => {
      const out = join(dir.path, 'killed')
      emulator.resetStats()
      const first = start(out)
      await waitForLines(out, 8, first)
      first.child.kill('SIGKILL')
      const killed = await first.exit
      expect(killed.code).toBeNull()
      const before = (await readLog(out)).length

      const second = await start(out).exit
      expect(second.stderr).toBe('')
      expect(second.code).toBe(0)
      const events = jsonEvents(second.stdout)
      expect(events[0]).toMatchObject({
        start: { resumed: true, alreadyDone: before, toDo: TOTAL - before },
      })
      expect(events.at(-1)).toMatchObject({
        summary: { resumed: true, skipped: before, done: TOTAL - before, failed: 0 },
      })

      const counts = doneCounts(await readLog(out))
      expect(counts.size).toBe(TOTAL)
      expect([...counts.values()].every((n) => n === 1)).toBe(true)
      // Only what was in flight when the process died is sent twice.
      expect(emulator.stats.inferences).toBeLessThanOrEqual(TOTAL + CONCURRENCY)
    })

    it('cancels cleanly on SIGINT (exit 130) and keeps what finished', async () => {
      const out = join(dir.path, 'interrupted')
      const run = start(out)
      await waitForLines(out, 4, run)
      run.child.kill('SIGINT')
      const stopped = await run.exit
      expect(stopped.code).toBe(130)
      expect(stopped.stderr).toMatch(/^Stopping: cancelling running requests/)
      const { summary } = jsonEvents(stopped.stdout).at(-1) as {
        summary: { cancelled: boolean; done: number }
      }
      expect(summary.cancelled).toBe(true)
      const log = await readLog(out)
      expect(log.length).toBe(summary.done)
      expect([...doneCounts(log).values()].every((n) => n === 1)).toBe(true)
    })

    it('resumes after SIGKILL during a recovery pass, finishing the failed images once', async () => {
      const few = join(dir.path, 'few')
      const FEW = 6
      await writeImages(few, numberedNames(FEW, 'few'))
      // Every request fails with a 500 at first: the whole folder waits for recovery pass 1.
      const flaky = await startEmulator({ faults: { error500: 1 }, serviceTimeMs: 300, slots: 2 })
      try {
        const out = join(dir.path, 'killed-recovering')
        const first = start(out, flaky, few)
        await waitForLines(out, FEW, first)
        // The server recovers during the pause (5 s by default); pass 1 then runs one at a time.
        flaky.setFaults({})
        await waitForLines(out, 1, first, (line) => line.status === 'done')
        first.child.kill('SIGKILL')
        expect((await first.exit).code).toBeNull()
        const before = await readLog(out)
        const donePass1 = before.filter((l) => l.status === 'done')
        expect(donePass1.length).toBeLessThan(FEW)
        expect(donePass1.every((l) => (l as { pass?: number }).pass === 1)).toBe(true)

        const second = await start(out, flaky, few).exit
        expect(second.stderr).toBe('')
        expect(second.code).toBe(0)
        const events = jsonEvents(second.stdout)
        expect(events[0]).toMatchObject({
          start: { resumed: true, alreadyDone: donePass1.length, toDo: FEW - donePass1.length },
        })
        expect(events.at(-1)).toMatchObject({
          summary: { resumed: true, done: FEW - donePass1.length, failed: 0, badFiles: 0 },
        })
        const counts = doneCounts(await readLog(out))
        expect(counts.size).toBe(FEW)
        expect([...counts.values()].every((n) => n === 1)).toBe(true)
        // 500s never reach the model: every inference is a success, plus at most the one
        // pass-1 request in flight at the kill.
        expect(flaky.stats.inferences).toBeLessThanOrEqual(FEW + 1)
      } finally {
        await flaky.close()
      }
    }, 40_000)
  },
)
