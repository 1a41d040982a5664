import { localSettings } from '../core/local-settings'
export type ThemeMode = 'system' | 'light' | 'dark'

const STORAGE_KEY = 'promptlabel.theme'
const MODES: readonly ThemeMode[] = ['system', 'light', 'dark']
const DARK_QUERY = '(prefers-color-scheme: dark)'

function isMode(value: unknown): value is ThemeMode {
  return typeof value === 'string' && (MODES as readonly string[]).includes(value)
}

/**
 * Light or dark, following the OS unless the user picked one; the choice is kept in localStorage
 * and applied as `data-theme` on <html>, which app.css's tokens read.
 */
export class ThemeState {
  mode = $state<ThemeMode>('system')
  systemDark = $state(false)
  readonly effective = $derived<'light' | 'dark'>(
    this.mode === 'system' ? (this.systemDark ? 'dark' : 'light') : this.mode,
  )

  constructor() {
    const saved = localSettings()?.getItem(STORAGE_KEY)
    if (isMode(saved)) this.mode = saved
    this.systemDark = globalThis.matchMedia?.(DARK_QUERY).matches ?? false
    this.#apply()
  }

  /** Follows the OS setting while the mode is "system"; returns what stops following. */
  listen(): () => void {
    const query = globalThis.matchMedia?.(DARK_QUERY)
    if (!query) return () => {}
    const onChange = (event: MediaQueryListEvent): void => {
      this.systemDark = event.matches
    }
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
  }

  set(mode: ThemeMode): void {
    this.mode = mode
    try {
      localSettings()?.setItem(STORAGE_KEY, mode)
    } catch {
      // A full or disabled storage only costs remembering the choice.
    }
    this.#apply()
  }

  /** System → light → dark → system: one button reaches every mode. */
  cycle(): void {
    this.set(MODES[(MODES.indexOf(this.mode) + 1) % MODES.length] ?? 'system')
  }

  #apply(): void {
    const root = globalThis.document?.documentElement
    if (!root) return
    if (this.mode === 'system') delete root.dataset['theme']
    else root.dataset['theme'] = this.mode
  }
}
