import {
  BRIDGE_EVENTS_PATH,
  BRIDGE_INVOKE_PATH,
  BRIDGE_TOKEN_HEADER,
  type PromptlabelApi,
} from '../../../shared/bridge-api'
import type { EventMap, Topic } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'

/** Reads the per-run token the bridge printed in the launch URL (`#token=…`); kept for reloads. */
function readToken(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromHash) {
    sessionStorage.setItem('promptlabel.token', fromHash)
    history.replaceState(null, '', location.pathname + location.search)
    return fromHash
  }
  return sessionStorage.getItem('promptlabel.token')
}

/** The loopback-bridge stand-in for the preload: same two functions, carried over HTTP and SSE. */
export function createBridgeClient(): PromptlabelApi {
  const token = readToken() ?? ''
  const listeners = new Map<Topic, Set<(payload: never) => void>>()
  let source: EventSource | null = null

  function ensureEvents(): void {
    if (source) return
    source = new EventSource(`${BRIDGE_EVENTS_PATH}?token=${encodeURIComponent(token)}`)
    source.onmessage = (message) => {
      const { topic, payload } = JSON.parse(message.data as string) as {
        topic: Topic
        payload: never
      }
      for (const listener of listeners.get(topic) ?? []) listener(payload)
    }
  }

  return {
    async invoke(channel, input) {
      try {
        const response = await fetch(BRIDGE_INVOKE_PATH, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [BRIDGE_TOKEN_HEADER]: token },
          body: JSON.stringify({ channel, input }),
        })
        return (await response.json()) as Result<never>
      } catch {
        return {
          ok: false,
          error: { code: 'internal', message: 'The app lost contact with its background service.' },
        }
      }
    },
    subscribe<T extends Topic>(topic: T, listener: (payload: EventMap[T]) => void) {
      ensureEvents()
      const set = listeners.get(topic) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(topic, set)
      return () => set.delete(listener as (payload: never) => void)
    },
  }
}
