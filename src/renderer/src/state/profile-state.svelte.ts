import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ConnectionReport, ProfilesState } from '../../../shared/contract'
import { describeKeyStorage } from '../core/connection'
import { fieldsOf } from '../core/profile-form'
import type { ErrorState } from './error-state.svelte'
import { ProfileEditorState } from './profile-editor-state.svelte'

/** Deployment profiles as the top bar shows them: the active one, its URL, its key, its last test. */
export class ProfileState {
  list = $state.raw<ProfilesState | null>(null)
  /** What the URL field shows; saved only on request. */
  urlDraft = $state('')
  /** Typed key, cleared once main has stored it: the renderer never reads a key back. */
  keyDraft = $state('')
  report = $state.raw<ConnectionReport | null>(null)
  testing = $state(false)
  saving = $state(false)
  savedNote = $state('')
  readonly editor: ProfileEditorState

  readonly active = $derived.by(
    () => this.list?.profiles.find((p) => p.id === this.list?.activeId) ?? null,
  )
  readonly keyStatus = $derived(describeKeyStorage(this.active))

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState

  constructor(api: PromptlabelApi, errors: ErrorState) {
    this.#api = api
    this.#errors = errors
    this.editor = new ProfileEditorState(api, this)
  }

  /** Fills the URL field from main unless the user already typed into it while this loaded. */
  async load(): Promise<void> {
    const list = this.#errors.unwrap(await this.#api.invoke('profile.list', {}))
    if (list) this.apply(list, this.urlDraft === '')
  }

  /** Takes a fresh listing from main; a change of active profile resets the URL field and the test. */
  apply(list: ProfilesState, resetUrl = false): void {
    const switched = this.list !== null && this.list.activeId !== list.activeId
    const shownUrl = this.active?.baseUrls[0]
    this.list = list
    if (switched) {
      this.report = null
      this.keyDraft = ''
      this.savedNote = ''
    }
    // An edit made in the dialog shows here too, unless the user is typing a URL of their own.
    const edited = this.urlDraft === shownUrl && this.active?.baseUrls[0] !== shownUrl
    if (resetUrl || switched || edited) this.urlDraft = this.active?.baseUrls[0] ?? ''
  }

  async activate(id: string): Promise<void> {
    if (id === this.list?.activeId) return
    this.#errors.dismiss()
    const list = this.#errors.unwrap(await this.#api.invoke('profile.activate', { id }))
    if (list) this.apply(list)
  }

  /** Saves the URL field as the active profile's first server, keeping any others. */
  async saveUrl(): Promise<void> {
    const active = this.active
    if (active === null) return
    this.saving = true
    this.savedNote = ''
    this.#errors.dismiss()
    try {
      const profile = fieldsOf(active)
      profile.baseUrls = [this.urlDraft.trim(), ...active.baseUrls.slice(1)]
      const result = await this.#api.invoke('profile.save', { id: active.id, profile })
      const list = this.#errors.unwrap(result)
      if (!list) return
      this.apply(list, true)
      this.report = null
      this.savedNote = 'Saved'
    } finally {
      this.saving = false
    }
  }

  /** Stores the typed key for the active profile; `sessionOnly` keeps it in memory only. */
  async setKey(sessionOnly = false): Promise<void> {
    const apiKey = this.keyDraft.trim()
    const active = this.active
    if (apiKey === '' || active === null) return
    this.#errors.dismiss()
    const result = await this.#api.invoke('secret.set', {
      profileId: active.id,
      apiKey,
      sessionOnly,
    })
    const list = this.#errors.unwrap(result)
    if (!list) return
    this.keyDraft = ''
    this.apply(list)
  }

  async clearKey(): Promise<void> {
    const active = this.active
    if (active === null) return
    const result = await this.#api.invoke('secret.clear', { profileId: active.id })
    const list = this.#errors.unwrap(result)
    if (list) this.apply(list)
  }

  async test(): Promise<void> {
    this.testing = true
    this.report = null
    this.#errors.dismiss()
    try {
      const profileId = this.active?.id
      const input = profileId === undefined ? {} : { profileId }
      const report = this.#errors.unwrap(await this.#api.invoke('connection.test', input))
      // A verdict about a profile that is no longer active would mislead.
      if (report && this.active?.id === profileId) this.report = report
    } finally {
      this.testing = false
    }
  }
}
