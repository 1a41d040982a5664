import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { attachBatchGlue } from '../../../src/main/batch-glue'
import { createEventBus } from '../../../src/main/services/events'
import type { BatchSummary } from '../../../src/shared/batch'
import { CHANNEL_NAMES } from '../../../src/shared/channels'
import type { EventMap } from '../../../src/shared/contract'

/** A recording stand-in for the parts of `electron` the glue touches; Electron itself cannot run here. */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  const appListeners = new Map<string, (...args: unknown[]) => void>()
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = []
  const schemes: unknown[] = []
  const protocolHandlers = new Map<string, unknown>()
  const state = { userData: '' }
  /** Menus, message boxes, opened paths and the preload's exposed API (issue 8). */
  const menus: { template: Record<string, unknown>[] }[] = []
  const messageBoxes: Record<string, unknown>[] = []
  const openedPaths: string[] = []
  const exposed = new Map<string, Record<string, (...args: never[]) => unknown>>()
  class FakeWebContents {
    listeners = new Map<string, (...args: unknown[]) => void>()
    openHandler: ((details: { url: string }) => { action: string }) | null = null
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.openHandler = handler
    }
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, listener)
      return this
    }
    once(name: string, listener: (...args: unknown[]) => void) {
      return this.on(name, listener)
    }
    isDestroyed() {
      return false
    }
    sent: unknown[] = []
    send(_channel: string, message: unknown) {
      this.sent.push(message)
    }
  }
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = []
    webContents = new FakeWebContents()
    progress: { value: number; options: unknown }[] = []
    record: { options: Record<string, unknown>; loaded: string[] }
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: [] }
      windows.push(this.record)
      FakeBrowserWindow.all.push(this)
    }
    static getAllWindows() {
      return FakeBrowserWindow.all
    }
    once() {}
    show() {}
    isDestroyed() {
      return false
    }
    setProgressBar(value: number, options?: unknown) {
      this.progress.push({ value, options })
    }
    async loadURL(url: string) {
      this.record.loaded.push(url)
    }
  }
  /** Notifications shown, with their click handlers. */
  class FakeNotification {
    static supported = true
    static shown: FakeNotification[] = []
    listeners = new Map<string, () => void>()
    constructor(readonly options: { title: string; body: string }) {}
    static isSupported() {
      return FakeNotification.supported
    }
    on(name: string, listener: () => void) {
      this.listeners.set(name, listener)
      return this
    }
    show() {
      FakeNotification.shown.push(this)
    }
  }
  const electron = {
    Notification: FakeNotification,
    app: {
      whenReady: () => Promise.resolve(),
      on: (name: string, listener: (...args: unknown[]) => void) =>
        appListeners.set(name, listener),
      getPath: () => state.userData,
      getVersion: () => '0.0.0-test',
      quit: () => {},
      name: 'Promptlabel',
      isPackaged: false,
      getAppPath: () => process.cwd(),
    },
    Menu: {
      buildFromTemplate: (template: Record<string, unknown>[]) => ({ template }),
      setApplicationMenu: (menu: { template: Record<string, unknown>[] }) => menus.push(menu),
    },
    contextBridge: {
      exposeInMainWorld: (name: string, api: Record<string, (...args: never[]) => unknown>) =>
        exposed.set(name, api),
    },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }),
      on: () => {},
      removeListener: () => {},
    },
    webUtils: {
      getPathForFile: (file: { path?: string; broken?: boolean }) => {
        if (file.broken) throw new Error('not a File')
        return file.path ?? ''
      },
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, input: unknown) => Promise<unknown>) =>
        handlers.set(channel, handler),
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => schemes.push(...list),
      handle: (scheme: string, handler: unknown) => protocolHandlers.set(scheme, handler),
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showMessageBox: async (options: Record<string, unknown>) => {
        messageBoxes.push(options)
        return { response: 0 }
      },
    },
    shell: {
      openExternal: async () => {},
      openPath: async (path: string) => {
        openedPaths.push(path)
        return ''
      },
    },
  }
  return {
    electron,
    handlers,
    appListeners,
    windows,
    schemes,
    protocolHandlers,
    state,
    FakeWebContents,
    FakeBrowserWindow,
    FakeNotification,
    menus,
    messageBoxes,
    openedPaths,
    exposed,
  }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

/** A folder named on the command line, as `electron . <folder>` passes it (issue 8). */
let launchFolder = ''

beforeAll(async () => {
  fake.state.userData = await mkdtemp(join(tmpdir(), 'promptlabel-glue-'))
  launchFolder = await mkdtemp(join(tmpdir(), 'promptlabel-glue-launch-'))
  const argv = process.argv
  process.argv = [argv[0]!, '.', '--enable-logging', launchFolder]
  try {
    await import('../../../src/main/index')
  } finally {
    process.argv = argv
  }
  await new Promise((resolve) => setTimeout(resolve, 20))
})

describe('Electron glue', () => {
  it('registers an ipcMain handler for every contract channel, and nothing else', () => {
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('opens the window sandboxed and isolated, with no Node in the page and the CommonJS preload', () => {
    expect(fake.windows).toHaveLength(1)
    const prefs = fake.windows[0]!.options['webPreferences'] as Record<string, unknown>
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    })
    expect(String(prefs['preload'])).toMatch(/preload[\\/]index\.cjs$/)
    expect(fake.windows[0]!.loaded[0]).toMatch(/^file:.*renderer\/index\.html$/)
  })

  it('registers the image scheme as privileged before ready and serves it', () => {
    expect(fake.schemes).toEqual([expect.objectContaining({ scheme: 'app-image' })])
    expect(fake.protocolHandlers.has('app-image')).toBe(true)
  })

  it('denies window.open and navigation away from the app for every web contents', () => {
    const contents = new fake.FakeWebContents()
    fake.appListeners.get('web-contents-created')!({}, contents)
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    const navigate = contents.listeners.get('will-navigate')!
    const away = { preventDefault: vi.fn() }
    navigate(away, 'https://evil.example/')
    expect(away.preventDefault).toHaveBeenCalled()
    const home = { preventDefault: vi.fn() }
    navigate(home, fake.windows[0]!.loaded[0])
    expect(home.preventDefault).not.toHaveBeenCalled()
  })

  it('answers calls from the app frame and refuses calls from any other frame', async () => {
    const handler = fake.handlers.get('app.info')!
    const own = { senderFrame: { url: fake.windows[0]!.loaded[0], parent: null } }
    await expect(handler(own, {})).resolves.toMatchObject({
      ok: true,
      value: { transport: 'electron' },
    })
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } }
    await expect(handler(foreign, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    })
    const subframe = { senderFrame: { url: fake.windows[0]!.loaded[0], parent: {} } }
    await expect(handler(subframe, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    })
  })

  it('validates input in main even when the sender is trusted', async () => {
    const handler = fake.handlers.get('image.open')!
    const own = { senderFrame: { url: fake.windows[0]!.loaded[0], parent: null } }
    await expect(handler(own, { path: 42 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
  })
})

describe('batch glue: taskbar progress and the end-of-run notification', () => {
  const progress = (extra: Partial<EventMap['batch.progress']> = {}) => ({
    jobId: 'job-1',
    projectDir: '/p',
    total: 10 as number | null,
    done: 3,
    failed: 1,
    skipped: 0,
    inFlight: 2,
    remaining: 6,
    imagesPerSecond: 2,
    etaSeconds: 3,
    state: 'running' as const,
    recovery: null,
    seq: 1,
    ...extra,
  })
  const summary = (extra: Partial<BatchSummary> = {}): BatchSummary => ({
    jobId: 'job-1',
    runId: 'run-1',
    resumed: false,
    done: 9,
    failed: 1,
    skipped: 0,
    cancelled: false,
    failures: [],
    recovered: 0,
    badFiles: 0,
    recoveryPasses: 0,
    scan: { images: 10, otherFiles: 0, unreadableFolders: [] },
    boxesPerClass: {},
    ...extra,
  })

  function setup() {
    const events = createEventBus()
    const window = {
      progress: [] as { value: number; options: unknown }[],
      isDestroyed: () => false,
      show: () => {},
      setProgressBar(value: number, options?: unknown) {
        this.progress.push({ value, options })
      },
    }
    const clock = { now: 1_000 }
    const stop = attachBatchGlue(
      events,
      () => window as never,
      () => clock.now,
    )
    fake.FakeNotification.shown = []
    return { events, window, clock, stop }
  }

  it('shows the share of images handled, paused as paused, and clears it when the run ends', () => {
    const { events, window, stop } = setup()
    events.emit('batch.progress', progress())
    events.emit('batch.progress', progress({ done: 5, state: 'paused' }))
    events.emit('batch.progress', progress({ total: null }))
    events.emit('batch.finished', summary())
    expect(window.progress).toEqual([
      { value: 0.4, options: { mode: 'normal' } },
      { value: 0.6, options: { mode: 'paused' } },
      { value: 2, options: { mode: 'indeterminate' } },
      { value: -1, options: { mode: 'none' } },
    ])
    stop()
  })

  it('notifies when a run longer than 10 s ends, and brings the window back on click', () => {
    const { events, window, clock, stop } = setup()
    const shown = vi.spyOn(window, 'show')
    events.emit('batch.progress', progress())
    clock.now += 12_000
    events.emit('batch.finished', summary())
    expect(fake.FakeNotification.shown.map((n) => n.options)).toEqual([
      { title: 'Batch run finished', body: '9 images done, 1 failed.' },
    ])
    fake.FakeNotification.shown[0]!.listeners.get('click')!()
    expect(shown).toHaveBeenCalled()
    stop()
  })

  it('stays quiet for short runs and where the OS has no notifications', () => {
    const { events, clock, stop } = setup()
    events.emit('batch.progress', progress())
    clock.now += 4_000
    events.emit('batch.finished', summary())
    fake.FakeNotification.supported = false
    events.emit('batch.progress', progress({ jobId: 'job-2' }))
    clock.now += 60_000
    events.emit('batch.finished', summary({ jobId: 'job-2', cancelled: true }))
    fake.FakeNotification.supported = true
    expect(fake.FakeNotification.shown).toEqual([])
    stop()
  })

  it('is wired to the app’s own events: a real run clears the taskbar progress when it ends', async () => {
    const own = { senderFrame: { url: fake.windows[0]!.loaded[0], parent: null } }
    const imagesDir = await mkdtemp(join(tmpdir(), 'promptlabel-glue-images-'))
    const opened = (await fake.handlers.get('project.openFolder')!(own, { imagesDir })) as {
      ok: true
      value: { id: string }
    }
    expect(opened.ok).toBe(true)
    const started = await fake.handlers.get('batch.start')!(own, {
      projectId: opened.value.id,
      model: { kind: 'grounding-dino', classes: ['red'] },
    })
    expect(started).toMatchObject({ ok: true })
    const main = fake.FakeBrowserWindow.all[0]!
    await vi.waitFor(() =>
      expect(main.progress.at(-1)).toEqual({ value: -1, options: { mode: 'none' } }),
    )
  })
})

describe('menus, the About box, launch arguments and the preload (issue 8)', () => {
  type Item = Record<string, unknown> & { submenu?: Item[]; click?: () => void }
  const menu = (label: string): Item[] =>
    (fake.menus.at(-1)!.template as Item[]).find(
      (m) => String(m['label']).replace('&', '') === label,
    )!.submenu!
  const find = (label: string, name: string): Item => {
    const items = menu(label).flatMap((i) => [i, ...(i.submenu ?? [])])
    return items.find((i) => i['label'] === name)!
  }
  const own = () => ({ senderFrame: { url: fake.windows[0]!.loaded[0], parent: null } })

  it('installs File, Edit, View, Model and Help with the shortcuts as accelerators', () => {
    const labels = (fake.menus.at(-1)!.template as Item[]).map((m) => String(m['label']))
    expect(labels).toEqual(['&File', '&Edit', '&View', '&Model', '&Help'])
    expect(find('Model', 'Run on This Image')).toMatchObject({
      accelerator: 'I',
      registerAccelerator: false,
    })
    expect(find('Model', 'Run on All Images')).toMatchObject({ accelerator: 'CmdOrCtrl+B' })
    expect(find('Edit', 'Redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z' })
    expect(find('View', 'Zoom In')).toMatchObject({ accelerator: 'CmdOrCtrl+Plus' })
    // Keys the renderer does not handle itself are registered by main.
    expect(find('File', 'Open Folder…')).toMatchObject({
      accelerator: 'CmdOrCtrl+Shift+O',
      registerAccelerator: true,
    })
  })

  it('on macOS adds the app menu and leaves bare-letter keys to the page, where typing wins', async () => {
    const { menuTemplate } = await import('../../../src/main/menu')
    const actions = { send: vi.fn(), about: vi.fn(), openGuide: vi.fn() }
    const template = menuTemplate(actions, { platform: 'darwin', dev: false }) as Item[]
    expect(template.map((m) => m['label'])).toEqual([
      'Promptlabel',
      'File',
      'Edit',
      'View',
      'Model',
      'Help',
    ])
    const model = template[4]!.submenu!
    expect(model.find((i) => i['label'] === 'Run on This Image')).not.toHaveProperty('accelerator')
    expect(model.find((i) => i['label'] === 'Run on All Images')).toMatchObject({
      accelerator: 'CmdOrCtrl+B',
    })
  })

  it('sends a clicked item to the renderer as a menu.command event', () => {
    const contents = fake.FakeBrowserWindow.all[0]!.webContents
    find('View', 'Fit to Window').click!()
    find('View', 'Dark').click!()
    expect(contents.sent.slice(-2)).toEqual([
      { topic: 'menu.command', payload: { command: 'view.fit' } },
      { topic: 'menu.command', payload: { command: 'view.theme.dark' } },
    ])
  })

  it('shows an About box with the app, Electron, Chromium and Node versions', async () => {
    find('Help', 'About Promptlabel').click!()
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1))
    expect(fake.messageBoxes[0]).toMatchObject({ message: 'Promptlabel 0.0.0-test' })
    expect(String(fake.messageBoxes[0]!['detail'])).toContain(`Node ${process.versions.node}`)
  })

  it('opens the bundled user guide from Help', () => {
    find('Help', 'User Guide').click!()
    expect(fake.openedPaths).toEqual([join(process.cwd(), 'docs', 'guide.md')])
  })

  it('answers the folder named on the command line once, and finds the bundled samples', async () => {
    const launch = fake.handlers.get('app.launchArgs')!
    await expect(launch(own(), {})).resolves.toEqual({
      ok: true,
      value: { path: launchFolder, kind: 'folder', dir: launchFolder },
    })
    await expect(launch(own(), {})).resolves.toEqual({ ok: true, value: null })
    const status = await fake.handlers.get('setup.status')!(own(), { url: 'http://127.0.0.1:9' })
    expect(status).toMatchObject({
      ok: true,
      value: { samplesDir: join(process.cwd(), 'resources', 'samples') },
    })
  })

  it('exposes exactly invoke, subscribe and pathForFile from the preload', async () => {
    await import('../../../src/preload/index')
    const api = fake.exposed.get('promptlabel')!
    expect(Object.keys(api).sort()).toEqual(['invoke', 'pathForFile', 'subscribe'])
    const pathForFile = api['pathForFile'] as (file: unknown) => string | null
    expect(pathForFile({ path: '/home/me/photos' })).toBe('/home/me/photos')
    expect(pathForFile({})).toBeNull()
    expect(pathForFile({ broken: true })).toBeNull()
    const invoke = api['invoke'] as (channel: string, input: unknown) => Promise<unknown>
    await expect(invoke('fs.readFile', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    })
    await expect(invoke('setup.status', {})).resolves.toMatchObject({ ok: true })
  })
})
