import { join } from 'node:path'
import { z } from 'zod'
import type { ServerSettings } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { SecretStore } from './secrets/secret-store'
import { readJsonValidated, writeJsonAtomic } from './storage/atomic-file'

const FORMAT_VERSION = 1

const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(['local', 'dedicated', 'hosted']),
  baseUrl: z.string().min(1),
  requestTimeoutMs: z.number().int().positive(),
  maxUploadSide: z.number().int().min(0),
  keyTransport: z.enum(['query', 'body', 'header']),
})
export type Profile = z.infer<typeof profileSchema>

const fileSchema = z.object({
  formatVersion: z.number().int(),
  activeProfileId: z.string(),
  profiles: z.array(profileSchema).min(1),
})
type ProfilesFile = z.infer<typeof fileSchema>

/** First-start profile: a local Inference server on its default port (inference-api.md §1). */
export function defaultProfile(): Profile {
  return {
    id: 'local',
    name: 'Local Inference server',
    kind: 'local',
    baseUrl: 'http://localhost:9001',
    requestTimeoutMs: 120_000,
    maxUploadSide: 1280,
    keyTransport: 'query',
  }
}

/** What a detection needs to reach the server; the key stays inside the main process. */
export interface ServerAccess {
  baseUrl: string
  apiKey: string | null
  requestTimeoutMs: number
  maxUploadSide: number
  keyTransport: Profile['keyTransport']
}

export interface SettingsService {
  get(): Promise<ServerSettings>
  update(patch: {
    baseUrl?: string
    requestTimeoutMs?: number
    maxUploadSide?: number
  }): Promise<ServerSettings>
  setKey(apiKey: string, sessionOnly: boolean): Promise<ServerSettings>
  clearKey(): Promise<ServerSettings>
  access(): Promise<ServerAccess>
}

const accountFor = (profile: Profile): string => `profile:${profile.id}`

/** Deployment settings persisted atomically in profiles.json; API keys in the SecretStore only. */
export function createSettingsService(dataDir: string, secrets: SecretStore): SettingsService {
  const path = join(dataDir, 'profiles.json')
  const sessionKeys = new Map<string, string>()
  let state: ProfilesFile | null = null
  let storageProblem: string | null = null

  async function load(): Promise<ProfilesFile> {
    if (state) return state
    try {
      const file = await readJsonValidated(path, fileSchema, 'profiles')
      if (file && file.formatVersion > FORMAT_VERSION) {
        storageProblem = `The profiles file ${path} was written by a newer version of Promptlabel; it was left as it is and defaults are used for now.`
        state = {
          formatVersion: FORMAT_VERSION,
          activeProfileId: 'local',
          profiles: [defaultProfile()],
        }
      } else {
        state = file ?? {
          formatVersion: FORMAT_VERSION,
          activeProfileId: 'local',
          profiles: [defaultProfile()],
        }
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      storageProblem = `${error.message} Defaults are used for now.`
      state = {
        formatVersion: FORMAT_VERSION,
        activeProfileId: 'local',
        profiles: [defaultProfile()],
      }
    }
    return state
  }

  async function active(): Promise<Profile> {
    const file = await load()
    return file.profiles.find((p) => p.id === file.activeProfileId) ?? file.profiles[0]!
  }

  async function save(next: ProfilesFile): Promise<void> {
    if (storageProblem) {
      throw new AppError('storage-corrupt', storageProblem, {
        hint: 'Fix or move the file away, then restart.',
      })
    }
    await writeJsonAtomic(path, next)
    state = next
  }

  async function readKey(profile: Profile): Promise<string | null> {
    const session = sessionKeys.get(profile.id)
    if (session !== undefined) return session
    if ((await secrets.probe()) !== null) return null
    return secrets.get(accountFor(profile))
  }

  async function describe(): Promise<ServerSettings> {
    const profile = await active()
    const keychainProblem = await secrets.probe()
    return {
      baseUrl: profile.baseUrl,
      hasApiKey: (await readKey(profile)) !== null,
      keyStorage: sessionKeys.has(profile.id) ? 'session' : 'keychain',
      keychainProblem,
      storageProblem,
      requestTimeoutMs: profile.requestTimeoutMs,
      maxUploadSide: profile.maxUploadSide,
    }
  }

  return {
    get: describe,
    async update(patch) {
      const file = await load()
      const current = await active()
      const updated: Profile = {
        ...current,
        ...(patch.baseUrl !== undefined ? { baseUrl: patch.baseUrl.replace(/\/+$/, '') } : {}),
        ...(patch.requestTimeoutMs !== undefined
          ? { requestTimeoutMs: patch.requestTimeoutMs }
          : {}),
        ...(patch.maxUploadSide !== undefined ? { maxUploadSide: patch.maxUploadSide } : {}),
      }
      await save({
        ...file,
        profiles: file.profiles.map((p) => (p.id === current.id ? updated : p)),
      })
      return describe()
    },
    async setKey(apiKey, sessionOnly) {
      const profile = await active()
      if (sessionOnly) {
        sessionKeys.set(profile.id, apiKey)
      } else {
        await secrets.set(accountFor(profile), apiKey)
        sessionKeys.delete(profile.id)
      }
      return describe()
    },
    async clearKey() {
      const profile = await active()
      sessionKeys.delete(profile.id)
      if ((await secrets.probe()) === null) await secrets.delete(accountFor(profile))
      return describe()
    },
    async access() {
      const profile = await active()
      return {
        baseUrl: profile.baseUrl,
        apiKey: await readKey(profile),
        requestTimeoutMs: profile.requestTimeoutMs,
        maxUploadSide: profile.maxUploadSide,
        keyTransport: profile.keyTransport,
      }
    },
  }
}
