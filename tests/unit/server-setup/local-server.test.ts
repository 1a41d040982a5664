import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLocalServer } from '../../../src/main/services/server-setup/local-server'
import type { SetupLogEvent, SetupPhase } from '../../../src/shared/server-setup'
import { startEmulator } from '../../support/emulator'
import { installStandInDocker, type DockerScenario } from '../../support/stand-in-docker'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A port nothing listens on yet: the "container" (the emulator) takes it once docker has run. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function setup(scenario: DockerScenario, healthTimeoutMs = 10_000) {
  const dir = await mkdtemp(join(tmpdir(), 'promptlabel-docker-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  const docker = await installStandInDocker(join(dir, 'bin'), scenario)
  const events: SetupLogEvent[] = []
  const waiters: { phase: SetupPhase; resolve: () => void }[] = []
  const local = createLocalServer({
    env: () => ({ ...process.env, PATH: docker.path }),
    emit: (event) => {
      events.push(event)
      for (const waiter of waiters) if (waiter.phase === event.phase) waiter.resolve()
    },
    healthTimeoutMs,
    healthIntervalMs: 50,
  })
  cleanups.push(() => local.close())
  const reached = (phase: SetupPhase) =>
    new Promise<void>((resolve) => {
      if (events.some((e) => e.phase === phase)) resolve()
      else waiters.push({ phase, resolve })
    })
  const settled = () =>
    Promise.race([reached('ready'), reached('failed'), reached('stopped')]).then(() =>
      events.at(-1)!,
    )
  const text = () => events.flatMap((e) => (e.line ? [e.line.text] : []))
  return { docker, events, local, reached, settled, text }
}

describe('starting a local server with Docker', () => {
  it('pulls, runs, follows the log and reports ready once /healthz answers', async () => {
    const { docker, events, local, reached, settled, text } = await setup('ok')
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const job = local.start({ url, gpu: false, existing: false })
    expect(job.phase).toBe('starting')

    await reached('waiting')
    await expect.poll(() => events.some((e) => e.line?.source === 'server')).toBe(true)
    // The container "boots": only now does anything answer on the port.
    const emulator = await startEmulator({ port })
    cleanups.push(() => emulator.close())
    const last = await settled()

    expect(last).toMatchObject({ jobId: job.jobId, phase: 'ready', problem: null })
    const phases = [...new Set(events.map((e) => e.phase))]
    expect(phases).toEqual(['starting', 'pulling', 'waiting', 'ready'])
    expect(text()).toContain(
      `$ docker run -d --name promptlabel-inference -p ${port}:9001 -e CORE_MODEL_OWLV2_ENABLED=true roboflow/roboflow-inference-server-cpu`,
    )
    expect(text()).toContain('a2318d6c47ec: Pull complete')
    expect(events.find((e) => e.line?.source === 'server')?.line?.text).toBe(
      'INFO:     Started server process [1]',
    )
    expect(local.current()?.phase).toBe('ready')
    const calls = await docker.calls()
    expect(calls[0]).toEqual([
      'run',
      '-d',
      '--name',
      'promptlabel-inference',
      '-p',
      `${port}:9001`,
      '-e',
      'CORE_MODEL_OWLV2_ENABLED=true',
      'roboflow/roboflow-inference-server-cpu',
    ])
    expect(calls[1]).toEqual(['logs', '-f', '--tail', '100', 'promptlabel-inference'])
  })

  it('asks for every GPU with the GPU image', async () => {
    const { docker, local, settled } = await setup('no-gpu')
    local.start({ url: 'http://127.0.0.1:9', gpu: true, existing: false })
    const last = await settled()
    expect(last.problem?.code).toBe('gpu-unavailable')
    const [run] = await docker.calls()
    expect(run).toContain('--gpus')
    expect(run?.at(-1)).toBe('roboflow/roboflow-inference-server-gpu')
  })

  const failures: [DockerScenario, string, string][] = [
    ['no-permission', 'no-permission', 'not allowed to use it'],
    ['daemon-down', 'daemon-down', 'not running'],
    ['pull-fails', 'pull-failed', 'could not download the server image'],
    ['name-in-use', 'name-in-use', 'already exists'],
  ]
  for (const [scenario, code, words] of failures) {
    it(`explains "${scenario}" in plain words and stops there`, async () => {
      const { local, settled, text } = await setup(scenario)
      local.start({ url: 'http://127.0.0.1:9', gpu: false, existing: false })
      const last = await settled()
      expect(last.phase).toBe('failed')
      expect(last.problem?.code).toBe(code)
      expect(last.problem?.message).toContain(words)
      expect(text().at(-1)).toBe(last.problem?.message)
    })
  }

  it('removes the container docker created before the port clash, so a retry is not blocked by its name', async () => {
    const { docker, local, settled } = await setup('port-taken')
    local.start({ url: 'http://localhost:9001', gpu: false, existing: false })
    const last = await settled()
    expect(last.problem?.code).toBe('port-taken')
    expect(last.problem?.message).toBe(
      'Port 9001 is already in use by another program, so the server cannot listen there.',
    )
    expect((await docker.calls()).map((c) => c[0])).toEqual(['run', 'rm'])
  })

  it('starts the container left from an earlier run when asked to', async () => {
    const { docker, local, reached, settled } = await setup('name-in-use')
    const port = await freePort()
    local.start({ url: `http://127.0.0.1:${port}`, gpu: false, existing: true })
    await reached('waiting')
    const emulator = await startEmulator({ port })
    cleanups.push(() => emulator.close())
    expect((await settled()).phase).toBe('ready')
    expect((await docker.calls())[0]).toEqual(['start', 'promptlabel-inference'])
  })

  it('says the container stopped when its log ends before the server answered', async () => {
    const { local, settled, text } = await setup('container-exits')
    local.start({ url: 'http://127.0.0.1:9', gpu: false, existing: false })
    const last = await settled()
    expect(last.problem?.code).toBe('exited')
    expect(text()).toContain('RuntimeError: could not load the model registry')
  })

  it('gives up after the health timeout with a hint to test again later', async () => {
    const { local, settled } = await setup('ok', 300)
    local.start({ url: 'http://127.0.0.1:9', gpu: false, existing: false })
    expect((await settled()).problem?.code).toBe('timeout')
  })

  it('reports "no docker" when no docker executable is on the PATH', async () => {
    const events: SetupLogEvent[] = []
    const local = createLocalServer({
      env: () => ({ PATH: tmpdir() }),
      emit: (event) => events.push(event),
      healthTimeoutMs: 1_000,
      healthIntervalMs: 50,
    })
    local.start({ url: 'http://localhost:9001', gpu: false, existing: false })
    await expect.poll(() => events.at(-1)?.phase).toBe('failed')
    expect(events.at(-1)?.problem?.code).toBe('no-docker')
  })

  it('refuses to start a server for a URL on another machine', async () => {
    const { local } = await setup('ok')
    expect(() =>
      local.start({ url: 'https://gpu-box.lan:9001', gpu: false, existing: false }),
    ).toThrow('The app can only start a server on this computer')
  })

  it('stops a start under way and the container', async () => {
    const { docker, local, reached, settled } = await setup('ok')
    local.start({ url: 'http://127.0.0.1:9', gpu: false, existing: false })
    await reached('waiting')
    await expect(local.stop()).resolves.toBe(true)
    expect((await settled()).phase).toBe('stopped')
    expect((await docker.calls()).at(-1)).toEqual(['stop', 'promptlabel-inference'])
  })
})
