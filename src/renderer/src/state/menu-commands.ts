import { MENU_KEYS, type MenuCommand, type MenuKey } from '../../../shared/menu'
import type { AppState } from './app-state.svelte'
import { handleKeyDown, isMac } from './key-dispatch'
import type { ThemeState } from './theme-state.svelte'

/** What the menu commands need from the welcome view (WelcomeState fits): samples, theme, About. */
export interface MenuWelcome {
  trySamples(): Promise<void>
  readonly theme: Pick<ThemeState, 'set'>
  show(): void
  aboutOpen: boolean
}

/** The key press a shortcut stands for, as the workspace's keyboard handler receives it. */
function keyEventFor(shortcut: MenuKey): KeyboardEvent {
  const primary = shortcut.primary === true
  return new KeyboardEvent('keydown', {
    key: shortcut.shift && shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key,
    ctrlKey: primary && !isMac(),
    metaKey: primary && isMac(),
    shiftKey: shortcut.shift === true,
  })
}

/**
 * Carries out a native menu item. Items with a shortcut go through the same keyboard handler as
 * the key itself, so a menu item always does exactly what its shortcut does.
 */
export function runMenuCommand(command: MenuCommand, app: AppState, welcome: MenuWelcome): void {
  switch (command) {
    case 'file.openImage':
      void app.image.pick()
      return
    case 'file.openFolder':
      void app.project.pickFolder()
      return
    case 'file.trySamples':
      void welcome.trySamples()
      return
    case 'file.import':
      app.imports.show()
      return
    case 'file.export':
      void app.exports.show()
      return
    case 'view.theme.system':
    case 'view.theme.light':
    case 'view.theme.dark':
      welcome.theme.set(
        command === 'view.theme.system'
          ? 'system'
          : command === 'view.theme.light'
            ? 'light'
            : 'dark',
      )
      return
    case 'model.getServer':
      welcome.show()
      return
    case 'help.about':
      welcome.aboutOpen = true
      return
  }
  const shortcut = MENU_KEYS[command]
  if (shortcut) handleKeyDown(app, keyEventFor(shortcut))
}
