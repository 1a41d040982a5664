import { describe, expect, it, vi } from 'vitest'
import { AppState } from '../../../src/renderer/src/state/app-state.svelte'
import { withLogEvent } from '../../../src/renderer/src/state/welcome-docker.svelte'
import { WelcomeState } from '../../../src/renderer/src/state/welcome-state.svelte'
import { runMenuCommand } from '../../../src/renderer/src/state/menu-commands'
import type { ConnectionReport } from '../../../src/shared/contract'
import type { SetupJob } from '../../../src/shared/server-setup'
import {
  createFakeApi,
  fakeProject,
  imageEntries,
  ok,
  profilesState,
  type Handlers,
} from './fake-api'

const report = (reachable: boolean): ConnectionReport => ({
  reachable,
  serverName: reachable ? 'Roboflow Inference Server' : null,
  version: reachable ? '1.5.0' : null,
  healthy: reachable ? true : null,
  routes: {
    groundingDino: 'unknown',
    owlv2: 'unknown',
    moondream2: 'unknown',
    hostedModels: 'unknown',
  },
  key: 'not-required',
  findings: [],
  message: reachable ? 'Connected.' : 'Could not reach the server.',
  url: 'http://localhost:9001',
})

const job = (extra: Partial<SetupJob> = {}): SetupJob => ({
  jobId: 'job-1',
  phase: 'starting',
  url: 'http://localhost:9001',
  gpu: false,
  lines: [],
  problem: null,
  ...extra,
})

function setup(extra: Handlers = {}) {
  const project = fakeProject(imageEntries(3))
  const fake = createFakeApi({
    'profile.list': () => ok(profilesState()),
    'connection.test': () => ok(report(false)),
    'setup.status': () =>
      ok({
        docker: {
          state: 'ready',
          path: '/usr/bin/docker',
          version: '27.3.1',
          message: 'Docker 27.3.1 is running.',
        },
        server: { url: 'http://localhost:9001', answering: false },
        job: null,
        samplesDir: '/app/resources/samples',
      }),
    'app.launchArgs': () => ok(null),
    'app.info': () =>
      ok({ name: 'Promptlabel', version: '1', platform: 'linux', transport: 'electron' }),
    'export.suggestFolder': () => ok({ folder: '/home/user/Documents' }),
    ...project.handlers,
    ...extra,
  })
  const app = new AppState(fake.api)
  const welcome = new WelcomeState(fake.api, app)
  return { ...fake, app, welcome }
}

describe('WelcomeState', () => {
  // Effects do not run under Node (server-compiled runes): the probes are called as the effects would.
  it('shows itself while the active server does not answer and nothing is open', async () => {
    const { app, welcome } = setup()
    await app.profiles.load()
    await welcome.probe()
    expect(welcome.server).toBe('down')
    expect(welcome.visible).toBe(true)
    expect(welcome.status?.samplesDir).toBe('/app/resources/samples')
    expect(welcome.localUrl).toBe('http://localhost:9001')
  })

  it('saves a local server that answered into the active local profile and steps aside', async () => {
    const saved = profilesState([
      { ...profilesState().profiles[0]!, baseUrls: ['http://127.0.0.1:9002'] },
    ])
    const { app, welcome, calls } = setup({
      'connection.test': () => ok(report(true)),
      'profile.save': () => ok(saved),
    })
    await app.profiles.load()
    welcome.server = 'down'
    welcome.localUrl = 'http://127.0.0.1:9002'
    await welcome.test('local')
    expect(welcome.result).toMatchObject({ kind: 'local', profileId: null })
    await welcome.use()
    expect(calls.find((c) => c.channel === 'profile.save')?.input).toMatchObject({
      id: 'local',
      activate: true,
      profile: { kind: 'local', baseUrls: ['http://127.0.0.1:9002'] },
    })
    expect(app.profiles.urlDraft).toBe('http://127.0.0.1:9002')
    expect(welcome.visible).toBe(false)
  })

  it('opens a folder dropped in the desktop app, at the image that was dropped', async () => {
    const { app, welcome, calls } = setup()
    await welcome.openDropped({ kind: 'image', dir: '/images/photos', key: 'img2.png' })
    expect(calls.find((c) => c.channel === 'project.openFolder')?.input).toEqual({
      imagesDir: '/images/photos',
    })
    await vi.waitFor(() => expect(app.image.currentKey).toBe('img2.png'))
  })

  it('checks a dropped annotations file for the open folder, and asks for the folder first', async () => {
    const { app, welcome, calls } = setup({
      'import.run': (input) =>
        ok({ dryRun: (input as { dryRun: boolean }).dryRun, labels: 4 } as never),
    })
    const drop = { kind: 'annotations', format: 'yolo', path: '/data/set/data.yaml' } as const
    await welcome.openDropped(drop)
    expect(welcome.note).toContain('Open the folder of images')
    expect(calls.some((c) => c.channel === 'import.run')).toBe(false)
    await app.project.openFolder('/images/photos')
    await welcome.openDropped(drop)
    expect(app.imports.open).toBe(true)
    expect(calls.find((c) => c.channel === 'import.run')?.input).toMatchObject({
      format: 'yolo',
      source: '/data/set/data.yaml',
      dryRun: true,
    })
    expect(app.imports.preview).toMatchObject({ labels: 4 })
  })

  it('explains a drop in the browser instead of opening anything', async () => {
    const { welcome, calls } = setup()
    await welcome.openDropped({ kind: 'no-paths' })
    expect(welcome.note).toContain('The browser does not tell the app where a dropped file lives')
    expect(calls.some((c) => c.channel === 'project.openFolder')).toBe(false)
  })

  it('keeps the Docker log lines that overtook the start answer, and tests the server once ready', async () => {
    let emit: (phase: SetupJob['phase'], text: string) => void = () => {}
    const {
      welcome,
      calls,
      emit: push,
    } = setup({
      'setup.startLocalServer': () => {
        emit('pulling', 'latest: Pulling from roboflow/roboflow-inference-server-cpu')
        return ok(job())
      },
    })
    emit = (phase, text) =>
      push('setup.log', { jobId: 'job-1', phase, line: { source: 'docker', text }, problem: null })
    const stop = welcome.start()
    await welcome.docker.start('http://localhost:9001')
    expect(welcome.docker.job).toMatchObject({
      phase: 'pulling',
      lines: [{ text: 'latest: Pulling from roboflow/roboflow-inference-server-cpu' }],
    })
    push('setup.log', { jobId: 'other', phase: 'ready', line: null, problem: null })
    expect(welcome.docker.job?.phase).toBe('pulling')
    emit('ready', 'The server answers at http://localhost:9001.')
    await vi.waitFor(() =>
      expect(calls.at(-1)).toMatchObject({
        channel: 'connection.test',
        input: { draft: { baseUrls: ['http://localhost:9001'] } },
      }),
    )
    stop()
  })

  it('follows menu commands: theme, the welcome view, the About box', () => {
    const { app, welcome } = setup()
    runMenuCommand('view.theme.dark', app, welcome)
    expect(welcome.theme.mode).toBe('dark')
    runMenuCommand('model.getServer', app, welcome)
    expect(welcome.forced).toBe(true)
    runMenuCommand('help.about', app, welcome)
    expect(welcome.aboutOpen).toBe(true)
  })

  it('opens the import and export dialogs from the File menu once a folder is open', async () => {
    const { app, welcome } = setup()
    runMenuCommand('file.import', app, welcome)
    expect(app.imports.open).toBe(false)
    await app.project.openFolder('/images/photos')
    runMenuCommand('file.import', app, welcome)
    expect(app.imports.open).toBe(true)
    runMenuCommand('file.export', app, welcome)
    expect(app.exports.open).toBe(true)
    await vi.waitFor(() => expect(app.exports.target).toMatch(/^\/home\/user\/Documents\//))
  })

  it('applies a log event to a job snapshot, keeping the newest lines', () => {
    const lines = Array.from({ length: 300 }, (_, i) => ({
      source: 'server' as const,
      text: `l${i}`,
    }))
    const next = withLogEvent(job({ lines }), {
      jobId: 'job-1',
      phase: 'failed',
      line: { source: 'app', text: 'The server container stopped before it answered.' },
      problem: { code: 'exited', message: 'stopped', hint: 'read the log' },
    })
    expect(next.lines).toHaveLength(300)
    expect(next.lines[0]?.text).toBe('l1')
    expect(next).toMatchObject({ phase: 'failed', problem: { code: 'exited' } })
  })
})
