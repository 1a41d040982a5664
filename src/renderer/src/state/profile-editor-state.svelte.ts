import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ConnectionReport, ProfilesState } from '../../../shared/contract'
import type { AppErrorData, Result } from '../../../shared/errors'
import { profileTemplate, type ProfileKind } from '../../../shared/profile'
import {
  fieldOf,
  fieldsOf,
  formChanged,
  formFromProfile,
  readProfileForm,
  type ProfileForm,
  type ProfileFormErrors,
  type ProfileFormField,
} from '../core/profile-form'
import { fixServerUrls } from '../core/server-url'

/** What the dialog needs from the top bar's profiles (ProfileState fits): the listing, and a new one. */
export interface ProfileEditorLinks {
  readonly list: ProfilesState | null
  apply(list: ProfilesState): void
}

/** The "Profiles…" dialog: pick, create, duplicate, delete and edit profiles, test a draft, set keys. */
export class ProfileEditorState {
  open = $state(false)
  /** The saved profile the form edits; null while a new one is drafted. */
  editingId = $state<string | null>(null)
  form = $state<ProfileForm>(formFromProfile(profileTemplate('local')))
  /** The form as it was filled, to tell unsaved changes. */
  initial = $state.raw<ProfileForm>(formFromProfile(profileTemplate('local')))
  /** Messages show once a field was left or a save/test was tried, not while the user starts typing. */
  attempted = $state(false)
  touched = $state.raw<readonly ProfileFormField[]>([])
  keyDraft = $state('')
  report = $state.raw<ConnectionReport | null>(null)
  testing = $state(false)
  busy = $state(false)
  confirmingDelete = $state(false)
  choosingKind = $state(false)
  note = $state('')
  /** Failures are shown inside the dialog: the app's error bar sits behind it. */
  error = $state.raw<AppErrorData | null>(null)
  /** A field main refused, shown at that field while its text is as it was sent. */
  refused = $state.raw<{ field: ProfileFormField; text: string; message: string } | null>(null)

  readonly validation = $derived(readProfileForm(this.form))
  readonly errors = $derived.by((): ProfileFormErrors => {
    const refused = this.refused
    const all =
      refused !== null && this.form[refused.field] === refused.text
        ? { [refused.field]: refused.message, ...this.validation.errors }
        : this.validation.errors
    if (this.attempted) return all
    return Object.fromEntries(
      Object.entries(all).filter(([k]) => this.touched.includes(k as ProfileFormField)),
    )
  })
  readonly editing = $derived.by(
    () => this.#profiles.list?.profiles.find((p) => p.id === this.editingId) ?? null,
  )
  readonly dirty = $derived(formChanged(this.form, this.initial))
  /** "Use http://localhost:9101" under the URLs while one lacks its http:// or https://. */
  readonly urlFix = $derived(
    this.errors.urls === undefined ? null : fixServerUrls(this.form.urls, this.form.kind),
  )

  readonly #api: PromptlabelApi
  readonly #profiles: ProfileEditorLinks

  constructor(api: PromptlabelApi, profiles: ProfileEditorLinks) {
    this.#api = api
    this.#profiles = profiles
  }

  /** Opens on the active profile. */
  show(): void {
    this.open = true
    this.error = null
    this.select(this.#profiles.list?.activeId ?? null)
  }

  close(): void {
    this.open = false
    this.keyDraft = ''
    this.confirmingDelete = false
    this.choosingKind = false
  }

  select(id: string | null): void {
    const profile = this.#profiles.list?.profiles.find((p) => p.id === id)
    this.editingId = profile?.id ?? null
    this.#fill(formFromProfile(profile ? fieldsOf(profile) : profileTemplate('local')))
  }

  /** A new, unsaved profile from the template of its kind. */
  startNew(kind: ProfileKind): void {
    this.editingId = null
    this.choosingKind = false
    this.#fill(formFromProfile(profileTemplate(kind)))
  }

  useUrlFix(): void {
    if (this.urlFix) this.form.urls = this.urlFix.text
  }

  touch(field: ProfileFormField): void {
    if (!this.touched.includes(field)) this.touched = [...this.touched, field]
  }

  async save(): Promise<void> {
    this.attempted = true
    const fields = this.validation.fields
    if (fields === null) return
    const before = this.#profiles.list?.profiles.map((p) => p.id) ?? []
    const id = this.editingId ?? undefined
    const pendingKey = id === undefined ? this.keyDraft.trim() : ''
    const list = await this.#run(() => this.#api.invoke('profile.save', { id, profile: fields }))
    if (!list) return
    const savedId = id ?? list.profiles.find((p) => !before.includes(p.id))?.id ?? null
    this.#profiles.apply(list)
    this.select(savedId)
    // A key typed for a new profile is stored as soon as the profile exists.
    if (pendingKey !== '' && savedId !== null) {
      this.keyDraft = pendingKey
      await this.setKey()
    }
    if (this.error === null) this.note = 'Saved'
  }

  async duplicate(): Promise<void> {
    const id = this.editingId
    if (id === null) return
    const before = this.#profiles.list?.profiles.map((p) => p.id) ?? []
    const list = await this.#run(() => this.#api.invoke('profile.duplicate', { id }))
    if (!list) return
    this.#profiles.apply(list)
    this.select(list.profiles.find((p) => !before.includes(p.id))?.id ?? id)
  }

  async remove(): Promise<void> {
    const id = this.editingId
    this.confirmingDelete = false
    if (id === null) return
    const list = await this.#run(() => this.#api.invoke('profile.delete', { id }))
    if (!list) return
    this.#profiles.apply(list)
    this.select(list.activeId)
  }

  async activate(): Promise<void> {
    const id = this.editingId
    if (id === null) return
    const list = await this.#run(() => this.#api.invoke('profile.activate', { id }))
    if (list) this.#profiles.apply(list)
  }

  async setKey(sessionOnly = false): Promise<void> {
    const apiKey = this.keyDraft.trim()
    const profileId = this.editingId
    if (apiKey === '' || profileId === null) return
    const list = await this.#run(() =>
      this.#api.invoke('secret.set', { profileId, apiKey, sessionOnly }),
    )
    if (!list) return
    this.keyDraft = ''
    this.#profiles.apply(list)
  }

  async clearKey(): Promise<void> {
    const profileId = this.editingId
    if (profileId === null) return
    const list = await this.#run(() => this.#api.invoke('secret.clear', { profileId }))
    if (list) this.#profiles.apply(list)
  }

  /** Tests the form as typed, with the saved key of the profile it edits. */
  async test(): Promise<void> {
    this.attempted = true
    const draft = this.validation.fields
    if (draft === null) return
    this.testing = true
    this.report = null
    try {
      const profileId = this.editingId ?? undefined
      const report = await this.#run(() =>
        this.#api.invoke('connection.test', { profileId, draft }),
      )
      if (report) this.report = report
    } finally {
      this.testing = false
    }
  }

  #fill(form: ProfileForm): void {
    this.form = form
    this.initial = { ...form }
    this.attempted = false
    this.touched = []
    this.report = null
    this.note = ''
    this.error = null
    this.refused = null
    this.confirmingDelete = false
    this.keyDraft = ''
  }

  async #run<T>(call: () => Promise<Result<T>>): Promise<T | undefined> {
    this.busy = true
    this.error = null
    this.refused = null
    this.note = ''
    try {
      const result = await call()
      if (result.ok) return result.value
      // A refused profile field ("profile.baseUrls.0") is shown at that field, in words.
      const [head, ...path] = result.error.field ?? []
      if (head === 'profile' || head === 'draft') {
        const field = fieldOf(path)
        this.refused = { field, text: this.form[field], message: result.error.message }
      } else this.error = result.error
      return undefined
    } finally {
      this.busy = false
    }
  }
}
