import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkDocker } from '../../../src/main/services/server-setup/docker-status'
import { findExecutable } from '../../../src/main/services/server-setup/find-executable'
import { resolveLaunchTarget } from '../../../src/main/services/server-setup/launch-args'
import { startEmulator } from '../../support/emulator'
import { installStandInDocker } from '../../support/stand-in-docker'
import { createTestServices } from '../../support/services'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'promptlabel-setup-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

describe('finding docker', () => {
  it('takes the first executable on the PATH and skips folders and plain files', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'a', 'docker'), { recursive: true })
    await mkdir(join(dir, 'b'))
    await writeFile(join(dir, 'b', 'docker'), 'not executable')
    const docker = await installStandInDocker(join(dir, 'c'))
    const path = [join(dir, 'a'), join(dir, 'b'), docker.dir].join(':')
    expect(findExecutable('docker', { PATH: path })).toBe(join(docker.dir, 'docker'))
    expect(findExecutable('docker', { PATH: join(dir, 'a') })).toBeNull()
  })

  it('tries the PATHEXT extensions on Windows', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'docker.exe'), '')
    expect(findExecutable('docker', { PATH: dir, PATHEXT: '.COM;.EXE' }, 'win32')).toBe(
      join(dir, 'docker.exe'),
    )
  })
})

describe('checkDocker', () => {
  it('reports the daemon version when docker answers', async () => {
    const docker = await installStandInDocker(join(await tempDir(), 'bin'))
    await expect(checkDocker({ PATH: docker.path })).resolves.toMatchObject({
      state: 'ready',
      version: '27.3.1',
      path: join(docker.dir, 'docker'),
      message: 'Docker 27.3.1 is running.',
    })
  })

  it('tells a stopped daemon from a missing permission and from no docker at all', async () => {
    const docker = await installStandInDocker(join(await tempDir(), 'bin'), 'daemon-down')
    const down = await checkDocker({ PATH: docker.path })
    expect(down.state).toBe('not-running')
    expect(down.message).toContain('Start Docker Desktop')
    await docker.setScenario('no-permission')
    expect((await checkDocker({ PATH: docker.path })).state).toBe('no-permission')
    const missing = await checkDocker({ PATH: await tempDir() })
    expect(missing).toMatchObject({ state: 'missing', path: null })
  })
})

describe('launch arguments', () => {
  it('opens a folder, a project folder, a project file, or the folder of an image', async () => {
    const dir = await tempDir()
    await mkdir(join(dir, 'photos'))
    await writeFile(join(dir, 'photos', 'cat.JPG'), '')
    await mkdir(join(dir, 'project'))
    await writeFile(join(dir, 'project', 'promptlabel-project.json'), '{}')
    const resolveIn = (...args: string[]) => resolveLaunchTarget(args, dir)
    await expect(resolveIn('photos')).resolves.toEqual({
      path: join(dir, 'photos'),
      kind: 'folder',
      dir: join(dir, 'photos'),
    })
    await expect(resolveIn('project')).resolves.toMatchObject({ kind: 'project' })
    await expect(resolveIn('project/promptlabel-project.json')).resolves.toMatchObject({
      kind: 'project',
      dir: join(dir, 'project'),
    })
    await expect(resolveIn('--no-sandbox', 'missing', 'photos/cat.JPG')).resolves.toEqual({
      path: join(dir, 'photos', 'cat.JPG'),
      kind: 'image',
      dir: join(dir, 'photos'),
    })
    await expect(resolveIn('--inspect', 'notes.txt')).resolves.toBeNull()
  })
})

describe('setup channels through the composition root', () => {
  async function services(extra: { resourcesDir?: string; launchArgs?: string[] } = {}) {
    const services = createTestServices(join(await tempDir(), 'data'), extra)
    cleanups.push(() => services.close())
    return services
  }

  it('says whether the active profile’s server answers and where the samples are', async () => {
    const resources = await tempDir()
    await mkdir(join(resources, 'samples'))
    const app = await services({ resourcesDir: resources })
    const emulator = await startEmulator()
    cleanups.push(() => emulator.close())
    const status = await app.invoke('setup.status', { url: emulator.url })
    expect(status).toMatchObject({
      ok: true,
      value: {
        server: { url: emulator.url, answering: true },
        samplesDir: join(resources, 'samples'),
        job: null,
      },
    })
    // With no URL given, the active (first-start local) profile's server is asked.
    const local = await app.invoke('setup.status', {})
    expect(local).toMatchObject({ ok: true, value: { server: { url: 'http://localhost:9001' } } })
  })

  it('hands out the manual commands and answers launch arguments once', async () => {
    const dir = await tempDir()
    const app = await services({ launchArgs: [dir] })
    await expect(app.invoke('setup.commands', { port: 9002 })).resolves.toMatchObject({
      ok: true,
      value: { cli: 'inference server start --port 9002' },
    })
    await expect(app.invoke('app.launchArgs', {})).resolves.toEqual({
      ok: true,
      value: { path: dir, kind: 'folder', dir },
    })
    await expect(app.invoke('app.launchArgs', {})).resolves.toEqual({ ok: true, value: null })
  })

  it('validates the start request and reports the runtime versions', async () => {
    const app = await services()
    await expect(app.invoke('setup.startLocalServer', { gpu: 'yes' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
    const info = await app.invoke('app.info', {})
    expect(info).toMatchObject({ ok: true, value: { versions: { node: process.versions.node } } })
  })
})
