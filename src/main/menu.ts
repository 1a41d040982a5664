import { app, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron'
import { acceleratorOf, MENU_KEYS, type MenuCommand } from '../shared/menu'

/** What the menus do: most items send a command to the renderer; a few are handled in main. */
export interface MenuActions {
  send(command: MenuCommand): void
  about(): void
  openGuide(): void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  /** Reload and developer tools, for `electron-vite dev` only. */
  dev: boolean
}

/**
 * One item per command. macOS takes key equivalents for bare letters even while the user types,
 * so there those shortcuts are left to the renderer and not shown as accelerators.
 */
function item(
  label: string,
  command: MenuCommand,
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions {
  const key = MENU_KEYS[command]
  const bare = key !== undefined && !key.primary && key.key.length === 1
  const shown = key !== undefined && !(bare && options.platform === 'darwin')
  return {
    label,
    id: command,
    click: () => actions.send(command),
    ...(shown
      ? { accelerator: acceleratorOf(key), registerAccelerator: key.register === true }
      : {}),
  }
}

/** The native menus: File, Edit, View, Model, Help (plus the app menu on macOS). */
export function menuTemplate(
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const i = (label: string, command: MenuCommand) => item(label, command, actions, options)
  /** Alt-key mnemonics (`&File`) exist on Windows and Linux only. */
  const top = (label: string): string => (mac ? label.replace('&', '') : label)
  const about: MenuItemConstructorOptions = {
    label: 'About Promptlabel',
    click: () => actions.about(),
  }
  const separator: MenuItemConstructorOptions = { type: 'separator' }
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: app.name,
          submenu: [
            about,
            separator,
            { role: 'services' },
            separator,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            separator,
            { role: 'quit' },
          ],
        },
      ]
    : []
  return [
    ...appMenu,
    {
      label: top('&File'),
      submenu: [
        i('Open Image…', 'file.openImage'),
        i('Open Folder…', 'file.openFolder'),
        i('Try the Samples', 'file.trySamples'),
        separator,
        i('Import Annotations…', 'file.import'),
        i('Export…', 'file.export'),
        separator,
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: top('&Edit'),
      submenu: [
        i('Undo', 'edit.undo'),
        i('Redo', 'edit.redo'),
        separator,
        // Text editing in fields; on Windows and Linux the page handles these keys itself.
        { role: 'cut', registerAccelerator: mac },
        { role: 'copy', registerAccelerator: mac },
        { role: 'paste', registerAccelerator: mac },
        { role: 'selectAll', registerAccelerator: mac },
        separator,
        i('Delete Box', 'edit.delete'),
        i('Duplicate Box', 'edit.duplicate'),
      ],
    },
    {
      label: top('&View'),
      submenu: [
        i('Previous Image', 'view.previousImage'),
        i('Next Image', 'view.nextImage'),
        i('Next Image to Review', 'view.nextToReview'),
        separator,
        i('Fit to Window', 'view.fit'),
        i('Zoom In', 'view.zoomIn'),
        i('Zoom Out', 'view.zoomOut'),
        i('Actual Size', 'view.actualSize'),
        i('Show or Hide Boxes', 'view.toggleBoxes'),
        separator,
        {
          label: 'Theme',
          submenu: [
            i('Follow the System', 'view.theme.system'),
            i('Light', 'view.theme.light'),
            i('Dark', 'view.theme.dark'),
          ],
        },
        separator,
        { role: 'togglefullscreen' },
        ...(options.dev ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
      ],
    },
    {
      label: top('&Model'),
      submenu: [
        i('Run on This Image', 'model.runImage'),
        i('Run on All Images', 'model.runAll'),
        i('Draw Box', 'model.drawBox'),
        i('Prompt Lab…', 'model.promptLab'),
        separator,
        i('Get a Server…', 'model.getServer'),
      ],
    },
    {
      label: top('&Help'),
      role: 'help',
      submenu: [
        { label: 'User Guide', click: () => actions.openGuide() },
        i('Keyboard Shortcuts', 'help.shortcuts'),
        ...(mac ? [] : [separator, about]),
      ],
    },
  ]
}

/** The About box: the app's version and the runtimes it is built on. */
export async function showAbout(): Promise<void> {
  const { electron, chrome, node } = process.versions
  await dialog.showMessageBox({
    type: 'info',
    title: 'About Promptlabel',
    message: `Promptlabel ${app.getVersion()}`,
    detail: [
      `Electron ${electron}`,
      `Chromium ${chrome}`,
      `Node ${node}`,
      `${process.platform} ${process.arch}`,
    ].join('\n'),
    buttons: ['OK'],
  })
}

/** Installs the menus; `guidePath` is the bundled docs/guide.md, opened with the user's viewer. */
export function installMenu(send: (command: MenuCommand) => void, guidePath: string): void {
  const actions: MenuActions = {
    send,
    about: () => void showAbout(),
    openGuide: () => void shell.openPath(guidePath),
  }
  const options = { platform: process.platform, dev: !app.isPackaged }
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, options)))
}
