import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { z } from 'zod'
import { AppError } from '../../shared/errors'
import type { Profile, ProfilesState, profileFields } from '../../shared/profile'
import type { KeyTransport } from './inference/http-client'
import type { Logger } from './platform'
import { createProfileKeys } from './profile-keys'
import { copyName, readProfilesFile, type ProfilesFile } from './profiles-file'
import type { SecretStore } from './secrets/secret-store'
import { writeJsonAtomic } from './storage/atomic-file'

/** Stored fields of a profile after validation (defaults filled in), without its id. */
export type ProfileFields = z.output<typeof profileFields>

/** What a service needs to reach a profile's servers; the key never leaves the main process. */
export interface ServerAccess {
  profileId: string
  baseUrls: string[]
  /** The first server: used for single images and the connection test. */
  baseUrl: string
  apiKey: string | null
  keyTransport: KeyTransport
  connectTimeoutMs: number
  requestTimeoutMs: number
  maxConcurrency: number
  maxUploadSide: number
  maxUploadBytes: number
  defaults: Profile['defaults']
}

export interface ProfilesService {
  list(): Promise<ProfilesState>
  /** Creates a profile (no id) or replaces the stored fields of one. */
  save(input: { id?: string; profile: ProfileFields; activate: boolean }): Promise<ProfilesState>
  duplicate(id: string): Promise<ProfilesState>
  remove(id: string): Promise<ProfilesState>
  activate(id: string): Promise<ProfilesState>
  setKey(input: { profileId: string; apiKey: string; sessionOnly: boolean }): Promise<ProfilesState>
  clearKey(profileId: string): Promise<ProfilesState>
  hasKey(profileId: string): Promise<boolean>
  /** The active profile, or the one named. */
  access(profileId?: string): Promise<ServerAccess>
  /** Unsaved fields, with the saved key of `keyFrom` (for testing a draft before saving it). */
  accessDraft(draft: ProfileFields, keyFrom?: string): Promise<ServerAccess>
}

export interface ProfilesOptions {
  dataDir: string
  secrets: SecretStore
  logger?: Logger
  newId?: () => string
}

/** Deployment profiles persisted atomically in profiles.json; their API keys in the SecretStore only. */
export function createProfilesService(options: ProfilesOptions): ProfilesService {
  const path = join(options.dataDir, 'profiles.json')
  const keys = createProfileKeys(options.secrets)
  const newId = options.newId ?? randomUUID
  let loaded: Promise<{ file: ProfilesFile; problem: string | null }> | null = null
  let queue: Promise<unknown> = Promise.resolve()

  /** Read once; an unexpected failure is not cached, so the next call tries again. */
  const load = () =>
    (loaded ??= readProfilesFile(path).catch((error: unknown) => {
      loaded = null
      throw error
    }))

  /** One change at a time, so two quick edits never write over each other. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  function find(file: ProfilesFile, id: string): Profile {
    const profile = file.profiles.find((p) => p.id === id)
    if (!profile) throw new AppError('not-found', 'That profile no longer exists.')
    return profile
  }

  const activeOf = (file: ProfilesFile): Profile =>
    file.profiles.find((p) => p.id === file.activeProfileId) ?? file.profiles[0]!

  /** Applies a change and writes it; refused while the file on disk could not be read. */
  function mutate(change: (file: ProfilesFile) => ProfilesFile): Promise<ProfilesFile> {
    return serial(async () => {
      const current = await load()
      if (current.problem !== null) {
        throw new AppError('storage-corrupt', current.problem, {
          hint: 'Fix or move the profiles file away, then restart Promptlabel.',
        })
      }
      const next = change(current.file)
      await writeJsonAtomic(path, next)
      loaded = Promise.resolve({ file: next, problem: null })
      return next
    })
  }

  async function list(): Promise<ProfilesState> {
    const { file, problem } = await load()
    const storage = await keys.storage(file.profiles.map((p) => p.id))
    return {
      profiles: file.profiles.map((p) => {
        const keyStorage = storage.get(p.id) ?? 'none'
        return { ...p, hasApiKey: keyStorage !== 'none', keyStorage }
      }),
      activeId: activeOf(file).id,
      keychainProblem: await keys.problem(),
      storageProblem: problem,
    }
  }

  async function toAccess(profileId: string, fields: ProfileFields, keyFrom?: string) {
    const apiKey = keyFrom === undefined ? null : await keys.get(keyFrom)
    const access: ServerAccess = {
      profileId,
      baseUrls: [...fields.baseUrls],
      baseUrl: fields.baseUrls[0]!,
      apiKey,
      keyTransport: fields.keyTransport,
      connectTimeoutMs: fields.connectTimeoutMs,
      requestTimeoutMs: fields.requestTimeoutMs,
      maxConcurrency: fields.maxConcurrency,
      maxUploadSide: fields.maxUploadSide,
      maxUploadBytes: fields.maxUploadBytes,
      defaults: { ...fields.defaults },
    }
    return access
  }

  return {
    list,
    async save({ id, profile, activate }) {
      const targetId = id ?? newId()
      await mutate((file) => {
        if (id !== undefined) find(file, id)
        const stored: Profile = { ...profile, id: targetId }
        const profiles =
          id === undefined
            ? [...file.profiles, stored]
            : file.profiles.map((p) => (p.id === id ? stored : p))
        return { ...file, profiles, activeProfileId: activate ? targetId : file.activeProfileId }
      })
      return list()
    },
    async duplicate(id) {
      const copyId = newId()
      await mutate((file) => {
        const source = find(file, id)
        const name = copyName(
          source.name,
          file.profiles.map((p) => p.name),
        )
        const at = file.profiles.indexOf(source) + 1
        const profiles = [...file.profiles]
        profiles.splice(at, 0, { ...structuredClone(source), id: copyId, name })
        return { ...file, profiles }
      })
      await keys.copy(id, copyId).catch((error: unknown) => {
        options.logger?.warn('could not copy the key to the duplicated profile', {
          reason: error instanceof Error ? error.message : String(error),
        })
      })
      return list()
    },
    async remove(id) {
      await mutate((file) => {
        find(file, id)
        if (file.profiles.length === 1) {
          throw new AppError('invalid-input', 'The last profile cannot be deleted.', {
            hint: 'Create another profile first, or edit this one.',
          })
        }
        const at = file.profiles.findIndex((p) => p.id === id)
        const profiles = file.profiles.filter((p) => p.id !== id)
        const wasActive = activeOf(file).id === id
        const next = profiles[Math.min(at, profiles.length - 1)]!
        return { ...file, profiles, activeProfileId: wasActive ? next.id : file.activeProfileId }
      })
      await keys.clear(id).catch((error: unknown) => {
        options.logger?.warn('could not delete the key of a deleted profile', {
          reason: error instanceof Error ? error.message : String(error),
        })
      })
      return list()
    },
    async activate(id) {
      await mutate((file) => ({ ...file, activeProfileId: find(file, id).id }))
      return list()
    },
    async setKey({ profileId, apiKey, sessionOnly }) {
      find((await load()).file, profileId)
      await keys.set(profileId, apiKey, sessionOnly)
      return list()
    },
    async clearKey(profileId) {
      find((await load()).file, profileId)
      await keys.clear(profileId)
      return list()
    },
    async hasKey(profileId) {
      return (await keys.get(profileId)) !== null
    },
    async access(profileId) {
      const { file } = await load()
      const profile = profileId === undefined ? activeOf(file) : find(file, profileId)
      return toAccess(profile.id, profile, profile.id)
    },
    async accessDraft(draft, keyFrom) {
      if (keyFrom !== undefined) find((await load()).file, keyFrom)
      return toAccess(keyFrom ?? 'draft', draft, keyFrom)
    },
  }
}
