import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ProfilesState, ProfileView } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { profileTemplate } from '../../../shared/profile'
import { fieldsOf } from '../core/profile-form'

const HOSTED_URL = 'https://serverless.roboflow.com'

/** Saves a local URL into the active local profile (else the first local one, else a new one) and activates it. */
export function saveLocalProfile(
  api: PromptlabelApi,
  list: ProfilesState | null,
  active: ProfileView | null,
  url: string,
): Promise<Result<ProfilesState>> {
  const target = active?.kind === 'local' ? active : list?.profiles.find((p) => p.kind === 'local')
  if (target) {
    const profile = { ...fieldsOf(target), baseUrls: [url, ...target.baseUrls.slice(1)] }
    return api.invoke('profile.save', { id: target.id, profile, activate: true })
  }
  const profile = { ...profileTemplate('local'), baseUrls: [url] }
  return api.invoke('profile.save', { profile, activate: true })
}

export interface SavedRemote {
  id: string
  url: string
  /** The listing after the save (and the key), for the top bar. */
  list: ProfilesState
}

/**
 * Saves the deployment or hosted form as a profile of its kind (reusing the first one, not
 * activated) and stores its key, so that Test connection can use the key it was given.
 */
export async function saveRemoteProfile(
  api: PromptlabelApi,
  before: ProfilesState | null,
  kind: 'dedicated' | 'hosted',
  form: { url: string; apiKey: string },
): Promise<Result<SavedRemote>> {
  const existing = before?.profiles.find((p) => p.kind === kind)
  const url = kind === 'hosted' ? (existing?.baseUrls[0] ?? HOSTED_URL) : form.url.trim()
  const profile = { ...(existing ? fieldsOf(existing) : profileTemplate(kind)), baseUrls: [url] }
  const saved = await api.invoke(
    'profile.save',
    existing ? { id: existing.id, profile } : { profile },
  )
  if (!saved.ok) return saved
  const isNew = (p: ProfileView): boolean => !before?.profiles.some((q) => q.id === p.id)
  const id = existing?.id ?? saved.value.profiles.find(isNew)?.id
  if (id === undefined) {
    return { ok: false, error: { code: 'internal', message: 'The new profile was not listed.' } }
  }
  const apiKey = form.apiKey.trim()
  if (apiKey === '') return { ok: true, value: { id, url, list: saved.value } }
  const stored = await api.invoke('secret.set', { profileId: id, apiKey })
  return stored.ok ? { ok: true, value: { id, url, list: stored.value } } : stored
}
