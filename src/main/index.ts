import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { attachBatchGlue } from './batch-glue'
import { forwardEvents, registerIpc } from './ipc'
import { installMenu } from './menu'
import { handleImageProtocol, IMAGE_SCHEME, registerImageScheme } from './protocol'
import { createServices } from './services'
import { createConsoleLogger } from './services/platform'
import { createKeychainSecretStore } from './services/secrets/keychain-store'
import { createMainWindow, lockDownContents } from './window'

registerImageScheme()

/** Bundled files (samples, the guide): beside the app when packaged, the repository in development. */
const bundled = (): string => (app.isPackaged ? process.resourcesPath : app.getAppPath())

app.on('web-contents-created', (_event, contents) => lockDownContents(contents))

void app.whenReady().then(() => {
  const services = createServices({
    transport: 'electron',
    appVersion: app.getVersion(),
    dataDir: app.getPath('userData'),
    secretStore: createKeychainSecretStore(),
    imageUrl: (id) => `${IMAGE_SCHEME}://image/${encodeURIComponent(id)}`,
    pickImages: async () => {
      const result = await dialog.showOpenDialog({
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff', 'bmp'] },
        ],
      })
      return result.canceled ? [] : result.filePaths
    },
    pickFolder: async () => {
      const result = await dialog.showOpenDialog({ properties: ['openDirectory'] })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    pickExportTarget: async (format) => {
      if (format === 'coco') {
        const result = await dialog.showSaveDialog({
          defaultPath: 'annotations.json',
          filters: [{ name: 'COCO JSON', extensions: ['json'] }],
        })
        return result.canceled ? null : (result.filePath ?? null)
      }
      const result = await dialog.showOpenDialog({
        properties: ['openDirectory', 'createDirectory'],
      })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    pickImportSource: async (format) => {
      const result = await dialog.showOpenDialog(
        format === 'coco'
          ? { properties: ['openFile'], filters: [{ name: 'COCO JSON', extensions: ['json'] }] }
          : {
              title: 'Choose the YOLO dataset folder (with labels/ and data.yaml)',
              properties: ['openDirectory'],
            },
      )
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    resourcesDir: join(bundled(), 'resources'),
    homeDir: app.getPath('home'),
    documentsDir: app.getPath('documents'),
    // A folder, project or image to open: `promptlabel ~/photos` (dev: `electron . ~/photos`).
    launchArgs: process.argv.slice(app.isPackaged ? 1 : 2),
    logger: createConsoleLogger(),
  })
  installMenu(
    (command) => services.events.emit('menu.command', { command }),
    join(bundled(), 'docs', 'guide.md'),
  )
  handleImageProtocol(services)
  registerIpc(services)
  attachBatchGlue(services.events, () => BrowserWindow.getAllWindows()[0] ?? null)
  const open = (): void => forwardEvents(services, createMainWindow().webContents)
  open()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
  app.on('will-quit', () => void services.close())
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
