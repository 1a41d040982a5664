import { join } from 'node:path'
import { createServices, type Services } from '../../src/main/services'
import type { Logger } from '../../src/main/services/platform'
import { createMemorySecretStore } from '../../src/main/services/secrets/secret-store'
import type { BatchSummary } from '../../src/shared/batch'
import type { Channel } from '../../src/shared/contract'
import type { ProfileInput } from '../../src/shared/profile'

/** Logs nothing and keeps nothing: a long run must not grow a log in memory. */
const quietLogger: Logger = { info() {}, warn() {}, error() {} }

/** The app's real services in this process, as the bridge and the CLI build them. */
export function startServices(dataDir: string, imageUrl?: (id: string) => string): Services {
  return createServices({
    transport: 'in-process',
    appVersion: 'bench',
    dataDir: join(dataDir),
    secretStore: createMemorySecretStore(),
    imageUrl: imageUrl ?? ((id) => `/image/${id}`),
    pickImages: async () => [],
    logger: quietLogger,
  })
}

/** Calls a channel and returns its value, or throws with the app's error message. */
export async function call<T>(services: Services, channel: Channel, input: unknown): Promise<T> {
  const result = await services.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`)
  return result.value as T
}

/** Whether the services answer a channel yet (the project channels are being built alongside). */
export function hasHandler(services: Services, channel: string): boolean {
  return typeof (services.handlers as Record<string, unknown>)[channel] === 'function'
}

/** Saves and activates a profile pointing at the emulator. */
export async function useEmulatorProfile(
  services: Services,
  url: string,
  fields: Partial<ProfileInput> = {},
): Promise<void> {
  await call(services, 'profile.save', {
    profile: { name: 'Bench emulator', kind: 'local', baseUrls: [url], ...fields },
    activate: true,
  })
}

/** Starts a batch run and resolves with its summary when 'batch.finished' arrives. */
export async function runBatch(
  services: Services,
  input: Record<string, unknown>,
): Promise<BatchSummary> {
  let stop = (): void => {}
  const finished = new Promise<BatchSummary>((resolve) => {
    stop = services.events.subscribe('batch.finished', (summary) => resolve(summary))
  })
  try {
    await call(services, 'batch.start', input)
    return await finished
  } finally {
    stop()
  }
}
