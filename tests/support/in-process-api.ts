import { isDeepStrictEqual } from 'node:util'
import type { Services } from '../../src/main/services'
import type { PromptlabelApi } from '../../src/shared/bridge-api'

/** Drops object properties whose value is undefined: both transports treat them as absent. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    )
  }
  return value
}

/**
 * Checks that a value crosses the seam unchanged both ways it may travel: Electron IPC (structured
 * clone) and the loopback bridge (JSON). A Date, Map, undefined field or class instance fails here.
 */
export function assertSeamSafe(value: unknown, what: string): void {
  const cloned = structuredClone(value)
  const json = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown)
  if (!isDeepStrictEqual(cloned, value) || !isDeepStrictEqual(json, withoutUndefined(value))) {
    throw new Error(`${what} does not survive structured clone and JSON unchanged`)
  }
}

/** The real services behind the renderer's API, in-process, with every value checked at the seam. */
export function createInProcessApi(services: Services): PromptlabelApi {
  return {
    async invoke(channel, input) {
      assertSeamSafe(input, `input of ${channel}`)
      const result = await services.invoke(channel, input)
      assertSeamSafe(result, `result of ${channel}`)
      return result as never
    },
    subscribe(topic, listener) {
      return services.events.subscribe(topic, (payload) => {
        assertSeamSafe(payload, `event ${topic}`)
        listener(payload)
      })
    },
  }
}
