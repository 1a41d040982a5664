import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../../../src/shared/channels'

/** A recording stand-in for the parts of `electron` the glue touches; Electron itself cannot run here. */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  const appListeners = new Map<string, (...args: unknown[]) => void>()
  const windows: { options: Record<string, unknown>; loaded: string[] }[] = []
  const schemes: unknown[] = []
  const protocolHandlers = new Map<string, unknown>()
  const state = { userData: '' }
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
    send() {}
  }
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = []
    webContents = new FakeWebContents()
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
    async loadURL(url: string) {
      this.record.loaded.push(url)
    }
  }
  const electron = {
    app: {
      whenReady: () => Promise.resolve(),
      on: (name: string, listener: (...args: unknown[]) => void) =>
        appListeners.set(name, listener),
      getPath: () => state.userData,
      getVersion: () => '0.0.0-test',
      quit: () => {},
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
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
    shell: { openExternal: async () => {} },
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
  }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

beforeAll(async () => {
  fake.state.userData = await mkdtemp(join(tmpdir(), 'promptlabel-glue-'))
  await import('../../../src/main/index')
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
