import { isAppError } from '../../shared/errors'
import type { ProfileView } from '../../shared/profile'
import type { SecretStore } from './secrets/secret-store'

export type KeyStorage = ProfileView['keyStorage']

/** Per-profile API keys: one keychain entry each, or memory only when the user asks (never on disk). */
export interface ProfileKeys {
  /** `null` when the keychain can be used, otherwise a plain reason it cannot. */
  problem(): Promise<string | null>
  get(profileId: string): Promise<string | null>
  /** Where each profile's key lives, for the listing; probes the keychain once for all of them. */
  storage(profileIds: readonly string[]): Promise<Map<string, KeyStorage>>
  set(profileId: string, apiKey: string, sessionOnly: boolean): Promise<void>
  clear(profileId: string): Promise<void>
  /** Gives `to` the key of `from`, kept where the original is kept. */
  copy(from: string, to: string): Promise<void>
}

/** The keychain account of a profile's key. */
export const keyAccount = (profileId: string): string => `profile:${profileId}`

export function createProfileKeys(secrets: SecretStore): ProfileKeys {
  const session = new Map<string, string>()

  /** A keychain read that fails (locked meanwhile, bus gone) counts as "no key" rather than an error. */
  async function fromKeychain(profileId: string): Promise<string | null> {
    try {
      return await secrets.get(keyAccount(profileId))
    } catch (error) {
      if (isAppError(error)) return null
      throw error
    }
  }

  async function get(profileId: string): Promise<string | null> {
    const memory = session.get(profileId)
    if (memory !== undefined) return memory
    if ((await secrets.probe()) !== null) return null
    return fromKeychain(profileId)
  }

  async function set(profileId: string, apiKey: string, sessionOnly: boolean): Promise<void> {
    if (sessionOnly) {
      session.set(profileId, apiKey)
      return
    }
    await secrets.set(keyAccount(profileId), apiKey)
    session.delete(profileId)
  }

  return {
    problem: () => secrets.probe(),
    get,
    async storage(profileIds) {
      const usable = (await secrets.probe()) === null
      const out = new Map<string, KeyStorage>()
      for (const id of profileIds) {
        if (session.has(id)) out.set(id, 'session')
        else out.set(id, usable && (await fromKeychain(id)) !== null ? 'keychain' : 'none')
      }
      return out
    },
    set,
    async clear(profileId) {
      session.delete(profileId)
      if ((await secrets.probe()) === null) await secrets.delete(keyAccount(profileId))
    },
    async copy(from, to) {
      const key = await get(from)
      if (key !== null) await set(to, key, session.has(from))
    },
  }
}
