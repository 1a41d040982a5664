import type { CallInput, CallOutput, Channel, EventMap, Topic } from './contract'
import type { Result } from './errors'

/** What the preload exposes as `window.promptlabel`, and what the loopback bridge client mimics. */
export interface PromptlabelApi {
  invoke<C extends Channel>(channel: C, input: CallInput<C>): Promise<Result<CallOutput<C>>>
  subscribe<T extends Topic>(topic: T, listener: (payload: EventMap[T]) => void): () => void
}

/** Header and paths of the loopback bridge (HTTP + Server-Sent Events). */
export const BRIDGE_TOKEN_HEADER = 'x-promptlabel-token'
export const BRIDGE_INVOKE_PATH = '/api/invoke'
export const BRIDGE_EVENTS_PATH = '/api/events'
export const BRIDGE_IMAGE_PATH = '/api/image/'
