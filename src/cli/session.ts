import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createServices, type Services } from '../main/services'
import type { Logger } from '../main/services/platform'
import { createMemorySecretStore, type SecretStore } from '../main/services/secrets/secret-store'
import type { ProfileView } from '../shared/profile'
import type { SessionFlags } from './args'
import { call, must } from './call'
import { FatalError, UsageError } from './errors'
import type { CliIo } from './io'
import {
  findProfile,
  resolveDataDir,
  temporaryProfile,
  TEMPORARY_PROFILE_NAME,
} from './profile-choice'
import { CLI_VERSION } from './usage'

/** The services the app uses, with the profile this run goes through. */
export interface Session {
  services: Services
  profile: ProfileView
  close(): Promise<void>
}

/** The user's keychain seen read-only: the CLI may use a saved key but never change or delete one. */
function readOnly(store: SecretStore): SecretStore {
  return { ...store, set: async () => undefined, delete: async () => false }
}

/** The app's services over a data folder, built as the app builds them (in-process, no pickers). */
export function buildServices(dataDir: string, secretStore: SecretStore, logger: Logger): Services {
  return createServices({
    transport: 'in-process',
    appVersion: CLI_VERSION,
    dataDir,
    secretStore,
    imageUrl: (imageId) => `promptlabel-cli:image/${imageId}`,
    pickImages: async () => [],
    logger,
  })
}

/** Keeps ROBOFLOW_API_KEY in this process's memory only (sessionOnly), for this run's profile. */
async function useKey(services: Services, profileId: string, apiKey: string | null): Promise<void> {
  if (apiKey === null) return
  must(
    await call(services, 'secret.set', { profileId, apiKey, sessionOnly: true }),
    'ROBOFLOW_API_KEY',
  )
}

/** --server: a throwaway data folder and in-memory keys, so saved profiles are never touched. */
async function openTemporary(
  servers: string[],
  timeoutMs: number | undefined,
  apiKey: string | null,
  logger: Logger,
): Promise<Session> {
  const dir = await mkdtemp(join(tmpdir(), 'promptlabel-cli-'))
  let services: Services | null = null
  const close = async (): Promise<void> => {
    await services?.close()
    await rm(dir, { recursive: true, force: true })
  }
  try {
    services = buildServices(dir, createMemorySecretStore(), logger)
    const saved = await call(services, 'profile.save', {
      profile: {
        ...temporaryProfile(servers),
        ...(timeoutMs === undefined ? {} : { requestTimeoutMs: timeoutMs }),
      },
      activate: true,
    })
    if (!saved.ok && saved.error.code === 'invalid-input') {
      // The flag names the field here: drop the label main puts before the message ("Server address: ").
      const message = saved.error.field
        ? saved.error.message.replace(/^[^:]+: /, '')
        : saved.error.message
      throw new UsageError(`--server: ${message}`)
    }
    const state = must(saved, 'Could not set up the server')
    const profile =
      state.profiles.find((p) => p.id === state.activeId && p.name === TEMPORARY_PROFILE_NAME) ??
      findProfile(state.profiles, TEMPORARY_PROFILE_NAME)
    await useKey(services, profile.id, apiKey)
    return { services, profile, close }
  } catch (error) {
    await close()
    throw error
  }
}

/** --profile: the app's own data folder and keychain, read-only as far as the CLI is concerned. */
async function openSaved(
  options: SessionFlags,
  io: CliIo,
  apiKey: string | null,
  logger: Logger,
): Promise<Session> {
  const wanted = options.profile as string
  const dataDir = resolve(
    resolveDataDir(
      options.dataDir,
      io.env,
      io.platform ?? process.platform,
      io.homedir ?? homedir(),
    ),
  )
  if (!existsSync(dataDir)) {
    throw new FatalError(`No Promptlabel data folder at ${dataDir}.`, {
      hint: 'Save a profile in the app first, pass --data-dir, or use --server <url>.',
    })
  }
  const keychain =
    io.keychain?.() ??
    (await import('../main/services/secrets/keychain-store')).createKeychainSecretStore()
  const services = buildServices(dataDir, readOnly(keychain), logger)
  try {
    const state = must(
      await call(services, 'profile.list', {}),
      'Could not read the saved profiles',
    )
    if (state.storageProblem !== null) io.stderr(`warning: ${state.storageProblem}\n`)
    const profile = findProfile(state.profiles, wanted)
    // Local servers rarely need a key, so an unreachable keychain is only worth a word elsewhere.
    const needsKeychain =
      apiKey === null && profile.kind !== 'local' && profile.keyStorage !== 'session'
    if (needsKeychain && state.keychainProblem !== null) {
      io.stderr(`warning: ${state.keychainProblem} Set ROBOFLOW_API_KEY to pass a key instead.\n`)
    }
    await useKey(services, profile.id, apiKey)
    return { services, profile, close: () => services.close() }
  } catch (error) {
    await services.close()
    throw error
  }
}

/** Builds the app's services for this run, the way the app itself builds them. */
export function openSession(
  options: SessionFlags,
  io: CliIo,
  apiKey: string | null,
  logger: Logger,
): Promise<Session> {
  return options.servers.length > 0
    ? openTemporary(options.servers, options.timeoutMs, apiKey, logger)
    : openSaved(options, io, apiKey, logger)
}
