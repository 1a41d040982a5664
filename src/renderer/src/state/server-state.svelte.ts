import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ConnectionReport, ServerSettings } from '../../../shared/contract'
import type { ErrorState } from './error-state.svelte'

/** Server URL, the write-only API key and the last connection test. */
export class ServerState {
  settings = $state.raw<ServerSettings | null>(null)
  /** What the URL field shows; saved only on request. */
  urlDraft = $state('')
  /** Typed key, cleared once main has stored it: the renderer never reads a key back. */
  keyDraft = $state('')
  report = $state.raw<ConnectionReport | null>(null)
  testing = $state(false)
  saving = $state(false)
  savedNote = $state('')

  readonly keyStatus = $derived.by(() => {
    const s = this.settings
    if (s === null) return ''
    if (!s.hasApiKey) return 'No key set'
    return s.keyStorage === 'keychain'
      ? 'Key set (stored in OS keychain)'
      : 'Key set (this session only)'
  })

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState

  constructor(api: PromptlabelApi, errors: ErrorState) {
    this.#api = api
    this.#errors = errors
  }

  /** Fills the URL field from main unless the user already typed into it while this loaded. */
  async load(): Promise<void> {
    const settings = this.#errors.unwrap(await this.#api.invoke('settings.get', {}))
    if (settings) this.#apply(settings, this.urlDraft === '')
  }

  async saveUrl(): Promise<void> {
    this.saving = true
    this.savedNote = ''
    this.#errors.dismiss()
    try {
      const result = await this.#api.invoke('settings.update', { baseUrl: this.urlDraft.trim() })
      const settings = this.#errors.unwrap(result)
      if (!settings) return
      this.#apply(settings, true)
      this.report = null
      this.savedNote = 'Saved'
    } finally {
      this.saving = false
    }
  }

  /** Stores the typed key; `sessionOnly` keeps it in memory when the OS keychain is unusable. */
  async setKey(sessionOnly = false): Promise<void> {
    const apiKey = this.keyDraft.trim()
    if (apiKey === '') return
    this.#errors.dismiss()
    const result = await this.#api.invoke('secret.set', { apiKey, sessionOnly })
    const settings = this.#errors.unwrap(result)
    if (!settings) return
    this.keyDraft = ''
    this.#apply(settings, false)
  }

  async clearKey(): Promise<void> {
    const settings = this.#errors.unwrap(await this.#api.invoke('secret.clear', {}))
    if (settings) this.#apply(settings, false)
  }

  async test(): Promise<void> {
    this.testing = true
    this.report = null
    this.#errors.dismiss()
    try {
      const report = this.#errors.unwrap(await this.#api.invoke('connection.test', {}))
      if (report) this.report = report
    } finally {
      this.testing = false
    }
  }

  #apply(settings: ServerSettings, resetUrl: boolean): void {
    this.settings = settings
    if (resetUrl) this.urlDraft = settings.baseUrl
  }
}
