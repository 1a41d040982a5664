import type { CallInput, ImageInfo } from '../../../src/shared/contract'
import type { LabCandidate, LabCut, LabFinished, LabProgress } from '../../../src/shared/lab'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import type { LabLinks } from '../../../src/renderer/src/state/lab-links'
import { LabState } from '../../../src/renderer/src/state/lab-state.svelte'
import { ModelState } from '../../../src/renderer/src/state/model-state.svelte'
import { createFakeApi, ok, type Handlers } from './fake-api'
import { GOOD, NO_BLUE, TRUTH_SUMMARY, labScore, reportOf, scored } from './lab-fixtures'

export const PROJECT = { id: 'p1', imagesDir: '/images/photos' }

/** Main's lab as far as the view sees it: candidates saved in memory, scores from fixture reports. */
export function fakeLab(initial: LabCandidate[] = [], extra: Handlers = {}) {
  let candidates = [...initial]
  let next = initial.length + 1
  const handlers: Handlers = {
    'lab.truth': () => ok(TRUTH_SUMMARY),
    'lab.candidates': () => ok(candidates),
    'lab.saveCandidate': ({ id, name, model, cut }: CallInput<'lab.saveCandidate'>) => {
      const saved = {
        id: id ?? `c${next++}`,
        name,
        model,
        cut: { global: cut.global, perClass: cut.perClass ?? {} },
        createdAt: '2026-01-01T00:00:00Z',
      } as LabCandidate
      candidates = id ? candidates.map((c) => (c.id === id ? saved : c)) : [...candidates, saved]
      return ok(candidates)
    },
    'lab.deleteCandidate': ({ id }: CallInput<'lab.deleteCandidate'>) => {
      candidates = candidates.filter((c) => c.id !== id)
      return ok(candidates)
    },
    // "good" finds everything, any other candidate never finds blue.
    'lab.score': ({ candidateIds, iou }: CallInput<'lab.score'>) =>
      ok(
        labScore(
          candidateIds.map((id) => scored(id, reportOf(id === 'good' ? GOOD : NO_BLUE))),
          iou,
        ),
      ),
    'image.open': ({ path }: CallInput<'image.open'>) => ok(openedImage(path)),
    'project.update': () => ok({} as never),
    ...extra,
  }
  return { handlers, saved: () => candidates }
}

export function openedImage(path: string): ImageInfo {
  const name = path.split('/').at(-1) ?? path
  return {
    id: `id-${name}`,
    path,
    name,
    width: 400,
    height: 300,
    url: `app-image://${name}`,
    format: 'png',
  }
}

/** A lab wired as AppState wires it, with the rest of the app recorded. */
export function createLab(handlers: Handlers) {
  const fake = createFakeApi(handlers)
  const errors = new ErrorState()
  const models = new ModelState()
  const review = { perClass: {} as Readonly<Record<string, number>> }
  const visited: string[] = []
  const ran: string[] = []
  let currentKey: string | null = null
  const links: LabLinks = {
    project: () => PROJECT,
    models,
    review,
    profileId: () => 'local',
    goTo: async (key) => {
      visited.push(key)
      currentKey = key
      return true
    },
    currentKey: () => currentKey,
    colorOf: (name) => (name === 'red' ? '#ff0000' : '#0000ff'),
    runFolder: async () => void ran.push('folder'),
    nextToReview: async () => void ran.push('next-to-review'),
  }
  const lab = new LabState(fake.api, errors, links)
  const stop = lab.listen()
  return { ...fake, errors, models, review, lab, links, visited, ran, stop }
}

/** The calls made on one channel, their inputs in order. */
export function inputsOf<C extends keyof Handlers>(
  calls: { channel: string; input: unknown }[],
  channel: C,
): CallInput<C>[] {
  return calls.filter((c) => c.channel === channel).map((c) => c.input as CallInput<C>)
}

export const progressEvent = (extra: Partial<LabProgress> = {}): LabProgress => ({
  jobId: 'lab-1',
  projectId: 'p1',
  total: 4,
  cached: 2,
  done: 3,
  failed: 0,
  inFlight: 1,
  state: 'running',
  ...extra,
})

export const finishedEvent = (extra: Partial<LabFinished> = {}): LabFinished => ({
  ...progressEvent({ done: 4, inFlight: 0, state: 'finished' }),
  failures: [],
  ...extra,
})

export const cut = (global: number, perClass: Record<string, number> = {}): LabCut => ({
  global,
  perClass,
})
