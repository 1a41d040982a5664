/** Native menu commands and their shortcuts, shared by main (accelerators) and the renderer (keys). */

/** Every command a native menu item can send to the renderer. */
export const MENU_COMMANDS = [
  'file.openImage',
  'file.openFolder',
  'file.trySamples',
  'file.import',
  'file.export',
  'edit.undo',
  'edit.redo',
  'edit.delete',
  'edit.duplicate',
  'view.previousImage',
  'view.nextImage',
  'view.nextToReview',
  'view.fit',
  'view.zoomIn',
  'view.zoomOut',
  'view.actualSize',
  'view.toggleBoxes',
  'view.theme.system',
  'view.theme.light',
  'view.theme.dark',
  'model.runImage',
  'model.runAll',
  'model.drawBox',
  'model.getServer',
  'model.promptLab',
  'help.shortcuts',
  'help.about',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export interface MenuKey {
  /** `KeyboardEvent.key` of the shortcut. */
  key: string
  /** Ctrl, or Cmd on macOS. */
  primary?: boolean
  shift?: boolean
  /**
   * Main registers the accelerator itself: only for keys the renderer's keymap does not know and
   * that mean nothing while typing. Every other key stays with the renderer, which knows when the
   * user is typing in a field; its menu item shows the key and sends the command when clicked.
   */
  register?: boolean
}

/** The shortcut of each menu command (ux-conventions.md), where it has one. */
export const MENU_KEYS: { readonly [C in MenuCommand]?: MenuKey } = {
  'file.openImage': { key: 'o', primary: true, register: true },
  'file.openFolder': { key: 'o', primary: true, shift: true, register: true },
  'edit.undo': { key: 'z', primary: true },
  'edit.redo': { key: 'z', primary: true, shift: true },
  'edit.delete': { key: 'Delete' },
  'edit.duplicate': { key: 'd', primary: true },
  'view.previousImage': { key: 'a' },
  'view.nextImage': { key: 'd' },
  'view.nextToReview': { key: 'n' },
  'view.fit': { key: 'f' },
  'view.zoomIn': { key: '+', primary: true },
  'view.zoomOut': { key: '-', primary: true },
  'view.actualSize': { key: '0', primary: true },
  'view.toggleBoxes': { key: 'h' },
  'model.runImage': { key: 'i' },
  'model.runAll': { key: 'b', primary: true },
  'model.drawBox': { key: 'r' },
  'model.promptLab': { key: 'l' },
  'help.shortcuts': { key: '?' },
}

/** The Electron accelerator for a shortcut (`CmdOrCtrl+Shift+O`, `Plus`, `Delete`). */
export function acceleratorOf(shortcut: MenuKey): string {
  const key =
    shortcut.key === '+'
      ? 'Plus'
      : shortcut.key.length === 1
        ? shortcut.key.toUpperCase()
        : shortcut.key
  return [shortcut.primary ? 'CmdOrCtrl' : '', shortcut.shift ? 'Shift' : '', key]
    .filter(Boolean)
    .join('+')
}
