import type { PromptlabelApi } from '../../../src/shared/bridge-api'
import type {
  CallInput,
  CallOutput,
  Channel,
  EventMap,
  ImageEntry,
  OpenedAnnotations,
  ProfilesState,
  ProfileView,
  ProjectInfo,
  StatusFilter,
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

/** A project as main reports it once opened; its folder already listed unless told otherwise. */
export function projectInfo(overrides: Partial<ProjectInfo> = {}): ProjectInfo {
  return {
    id: 'p1',
    name: 'photos',
    dir: '/data/projects/p1',
    imagesDir: '/images/photos',
    classes: [],
    prompts: {},
    position: { imageKey: null },
    scanning: false,
    imageCount: 0,
    problems: [],
    ...overrides,
  }
}

/** `count` images named img1.png … in folder order, none run yet. */
export function imageEntries(count: number, prefix = 'img'): ImageEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}${i + 1}.png`,
    status: 'not-run' as const,
    pending: 0,
    kept: 0,
  }))
}

/**
 * Main's side of one open project over an in-memory image list: pages with filters as
 * `project.images` answers them, annotations by key, and positions as `project.update` saves them.
 */
export function fakeProject(entries: ImageEntry[], info: Partial<ProjectInfo> = {}) {
  const project = projectInfo({ imageCount: entries.length, ...info })
  const state = { entries, scanning: project.scanning, position: project.position }
  const matches = (entry: ImageEntry, filter: StatusFilter): boolean =>
    filter === 'all' || (filter === 'pending' ? entry.pending > 0 : entry.status === filter)
  const handlers = {
    'project.openFolder': () => ok({ ...project, position: state.position }),
    'project.open': () => ok({ ...project, position: state.position }),
    'project.recent': () =>
      ok([{ dir: project.dir, name: project.name, imagesDir: project.imagesDir, openedAt: '' }]),
    'project.images': ({ offset, limit, filter = 'all' }: CallInput<'project.images'>) => {
      const listed = state.entries.filter((e) => matches(e, filter))
      const items = listed.slice(offset, offset + limit)
      return ok({ items, total: listed.length, scanning: state.scanning })
    },
    'project.update': ({ position }: CallInput<'project.update'>) => {
      if (position) state.position = position
      return ok({ ...project, position: state.position })
    },
    'annotations.get': ({ key }: CallInput<'annotations.get'>): Result<OpenedAnnotations> =>
      key.startsWith('broken')
        ? { ok: false, error: { code: 'image-unsupported', message: `${key} is not an image` } }
        : ok({
            imageId: `id-${key}`,
            url: `app-image://image/id-${key}`,
            width: 640,
            height: 480,
            doc: { key, width: 640, height: 480, boxes: [], lastRun: null },
          }),
  } satisfies Handlers
  return { info: project, state, handlers }
}
