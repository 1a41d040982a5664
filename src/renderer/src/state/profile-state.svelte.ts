import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ConnectionReport, ProfilesState } from '../../../shared/contract'
import { describeKeyStorage } from '../core/connection'
import { localSettings } from '../core/local-settings'
import { fieldsOf } from '../core/profile-form'
import { checkServerUrl } from '../core/server-url'
import type { ErrorState } from './error-state.svelte'
import { ProfileEditorState } from './profile-editor-state.svelte'

const NOTICE_KEY = 'promptlabel.keychainNotice'

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
  /** The URL field's message shows once a save or test was tried with it, then follows the typing. */
  urlChecked = $state(false)
  /** A refusal main gave for the address as typed (shown at the field while the text is unchanged). */
  urlRefusal = $state.raw<{ text: string; message: string } | null>(null)
  /** The keychain warning was read: it folds into one line by the key field. */
  keychainNoticeFolded = $state(localSettings()?.getItem(NOTICE_KEY) === 'folded')
  readonly editor: ProfileEditorState

  readonly active = $derived.by(
    () => this.list?.profiles.find((p) => p.id === this.list?.activeId) ?? null,
  )
  readonly keyStatus = $derived(describeKeyStorage(this.active))
  readonly urlCheck = $derived(checkServerUrl(this.urlDraft, this.active?.kind ?? 'local'))
  /** What the URL field says is wrong, in words, with the one-click fix when there is one. */
  readonly urlProblem = $derived.by((): { message: string; fix: string | null } | null => {
    const check = this.urlCheck
    if (this.urlChecked && !check.ok) return { message: check.message, fix: check.fix }
    const refusal = this.urlRefusal
    return refusal?.text === this.urlDraft ? { message: refusal.message, fix: null } : null
  })

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState

  constructor(api: PromptlabelApi, errors: ErrorState) {
    this.#api = api
    this.#errors = errors
    this.editor = new ProfileEditorState(api, this)
  }

  /** Fills the URL field from main unless the user already typed into it while this loaded. */
  /** Folds the keychain warning once read (remembered), or shows it in full again. */
  foldKeychainNotice(folded: boolean): void {
    this.keychainNoticeFolded = folded
    localSettings()?.setItem(NOTICE_KEY, folded ? 'folded' : 'open')
  }

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
      this.urlChecked = false
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

  /** Takes the fix the URL field offers ("Use http://localhost:9101"). */
  useUrlFix(): void {
    const fix = this.urlProblem?.fix
    if (fix) this.urlDraft = fix
    this.savedNote = ''
  }

  /** The active profile with the URL field as its first server: what Save stores and Test tries. */
  #drafted(url: string) {
    const active = this.active
    if (active === null) return null
    return {
      id: active.id,
      profile: { ...fieldsOf(active), baseUrls: [url, ...active.baseUrls.slice(1)] },
    }
  }

  /** Saves the URL field as the active profile's first server, keeping any others. */
  async saveUrl(): Promise<void> {
    this.urlChecked = true
    const check = this.urlCheck
    const drafted = check.ok ? this.#drafted(check.url) : null
    if (drafted === null) return
    this.saving = true
    this.savedNote = ''
    this.#errors.dismiss()
    try {
      const text = this.urlDraft
      const result = await this.#api.invoke('profile.save', drafted)
      // A refusal about the address belongs at the field, not in the error bar.
      if (!result.ok && result.error.field?.[1] === 'baseUrls') {
        this.urlRefusal = { text, message: result.error.message }
        return
      }
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

  /** Tests what the URL field shows (saved or not), with the active profile's other settings and key. */
  async test(): Promise<void> {
    this.urlChecked = true
    const check = this.urlCheck
    const drafted = check.ok ? this.#drafted(check.url) : null
    // A verdict about another address would read as one about what the field shows.
    this.report = null
    if (this.active !== null && drafted === null) return
    this.testing = true
    this.#errors.dismiss()
    try {
      const profileId = this.active?.id
      const input = drafted === null ? {} : { profileId: drafted.id, draft: drafted.profile }
      const report = this.#errors.unwrap(await this.#api.invoke('connection.test', input))
      // A verdict about a profile that is no longer active would mislead.
      if (report && this.active?.id === profileId) this.report = report
    } finally {
      this.testing = false
    }
  }
}
