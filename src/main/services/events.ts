import type { EventMap, Topic } from '../../shared/contract'

type Listener<T extends Topic> = (payload: EventMap[T]) => void

/** Typed push channel from services to whichever transport carries events to the renderer. */
export interface EventBus {
  emit<T extends Topic>(topic: T, payload: EventMap[T]): void
  subscribe<T extends Topic>(topic: T, listener: Listener<T>): () => void
  /** Receives every event; used by transports that forward all topics. */
  subscribeAll(listener: (topic: Topic, payload: EventMap[Topic]) => void): () => void
}

export function createEventBus(): EventBus {
  const byTopic = new Map<Topic, Set<Listener<Topic>>>()
  const all = new Set<(topic: Topic, payload: EventMap[Topic]) => void>()
  return {
    emit(topic, payload) {
      for (const listener of byTopic.get(topic) ?? []) listener(payload)
      for (const listener of all) listener(topic, payload)
    },
    subscribe(topic, listener) {
      const set = byTopic.get(topic) ?? new Set()
      set.add(listener as Listener<Topic>)
      byTopic.set(topic, set)
      return () => set.delete(listener as Listener<Topic>)
    },
    subscribeAll(listener) {
      all.add(listener)
      return () => all.delete(listener)
    },
  }
}
