import { join } from 'node:path'
import { BrowserWindow, shell, type WebContents } from 'electron'

/** Security options every window gets: sandboxed, isolated, no Node in the page. */
export const SECURE_WEB_PREFERENCES = {
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const

/** The renderer's own address: the dev server in `electron-vite dev`, the built file otherwise. */
export function rendererUrl(): string {
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (devUrl) return devUrl
  return new URL(`file://${join(import.meta.dirname, '../renderer/index.html')}`).href
}

/** Whether a URL belongs to the app's own renderer (same file, or same dev-server origin). */
export function isAppUrl(url: string): boolean {
  const own = new URL(rendererUrl())
  let candidate: URL
  try {
    candidate = new URL(url)
  } catch {
    return false
  }
  if (own.protocol === 'file:')
    return candidate.protocol === 'file:' && candidate.pathname === own.pathname
  return candidate.origin === own.origin
}

/** Denies navigation away from the app and every window.open; http(s) links open in the browser. */
export function lockDownContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//i.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Promptlabel',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: join(import.meta.dirname, '../preload/index.cjs'),
    },
  })
  lockDownContents(window.webContents)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(rendererUrl())
  return window
}
