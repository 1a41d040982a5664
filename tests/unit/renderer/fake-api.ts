import type { PromptlabelApi } from '../../../src/shared/bridge-api'
import type {
  CallInput,
  CallOutput,
  Channel,
  EventMap,
  ProfilesState,
  ProfileView,
  Topic,
} from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { defaultLocalProfile } from '../../../src/shared/profile'

export type Handlers = {
  [C in Channel]?: (input: CallInput<C>) => Result<CallOutput<C>> | Promise<Result<CallOutput<C>>>
}

/** A scripted stand-in for the preload: records every call and lets a test push events. */
export function createFakeApi(handlers: Handlers) {
  const calls: { channel: Channel; input: unknown }[] = []
  const listeners = new Map<Topic, Set<(payload: never) => void>>()
  const api: PromptlabelApi = {
    async invoke(channel, input) {
      calls.push({ channel, input })
      const handler = handlers[channel] as ((input: unknown) => unknown) | undefined
      if (!handler) throw new Error(`no fake for ${channel}`)
      return (await handler(input)) as never
    },
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(topic, set)
      return () => set.delete(listener as (payload: never) => void)
    },
  }
  function emit<T extends Topic>(topic: T, payload: EventMap[T]): void {
    for (const listener of listeners.get(topic) ?? [])
      (listener as (p: EventMap[T]) => void)(payload)
  }
  return { api, calls, emit, listeners }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/** A listed profile: the first-start local one unless told otherwise. */
export function profileView(overrides: Partial<ProfileView> = {}): ProfileView {
  return { ...defaultLocalProfile(), hasApiKey: false, keyStorage: 'none', ...overrides }
}

export function profilesState(
  profiles: ProfileView[] = [profileView()],
  extra: Partial<ProfilesState> = {},
): ProfilesState {
  return {
    profiles,
    activeId: profiles[0]?.id ?? 'local',
    keychainProblem: null,
    storageProblem: null,
    ...extra,
  }
}
