import { createServices, type Services } from '../../src/main/services'
import { createSilentLogger, type Platform } from '../../src/main/services/platform'
import { createMemorySecretStore } from '../../src/main/services/secrets/secret-store'

/**
 * The app's services over a data folder, with a memory keychain and no pickers (`extra` replaces
 * any of that); close them after.
 */
export function createTestServices(dataDir: string, extra: Partial<Platform> = {}): Services {
  return createServices({
    transport: 'in-process',
    appVersion: 'test',
    dataDir,
    secretStore: createMemorySecretStore(),
    imageUrl: (id) => `/image/${id}`,
    pickImages: async () => [],
    logger: createSilentLogger(),
    ...extra,
  })
}

/** Calls a channel through the dispatcher (validation included) and unwraps the answer. */
export async function call<T>(services: Services, channel: string, input: unknown): Promise<T> {
  const result = await services.invoke(channel, input)
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

/** Calls a channel that must fail, and returns its error data. */
export async function callError(
  services: Services,
  channel: string,
  input: unknown,
): Promise<{ code: string; message: string }> {
  const result = await services.invoke(channel, input)
  if (result.ok) throw new Error(`${channel} answered instead of failing`)
  return result.error
}
