import { describe, expect, it, vi } from 'vitest'
import type { BatchSummary } from '../../../src/shared/batch'
import type { EventMap } from '../../../src/shared/contract'
import type { SpecOutcome } from '../../../src/renderer/src/core/model-specs'
import { BatchState } from '../../../src/renderer/src/state/batch-state.svelte'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ProjectState } from '../../../src/renderer/src/state/project-state.svelte'
import { createFakeApi, fakeProject, imageEntries, ok, type Handlers } from './fake-api'

const DINO: SpecOutcome = {
  spec: {
    kind: 'grounding-dino',
    classes: ['red'],
    boxThreshold: 0.35,
    textThreshold: 0.25,
    classAgnosticNms: false,
  },
  problem: null,
}

const progress = (extra: Partial<EventMap['batch.progress']> = {}) => ({
  jobId: 'job-1',
  projectDir: '/data/projects/p1',
  total: 12,
  done: 3,
  failed: 1,
  skipped: 0,
  inFlight: 2,
  remaining: 8,
  imagesPerSecond: 4,
  etaSeconds: 2,
  state: 'running' as const,
  recovery: null,
  seq: 1,
  ...extra,
})

const summary = (extra: Partial<BatchSummary> = {}): BatchSummary => ({
  jobId: 'job-1',
  runId: 'run-1',
  resumed: false,
  done: 11,
  failed: 1,
  skipped: 0,
  cancelled: false,
  failures: [
    {
      key: 'broken.png',
      error: { code: 'image-unsupported', message: 'not an image' },
      kind: 'bad-file',
      tries: 1,
    },
  ],
  recovered: 0,
  badFiles: 1,
  recoveryPasses: 0,
  scan: { images: 12, otherFiles: 0, unreadableFolders: [] },
  boxesPerClass: {},
  ...extra,
})

async function setup(handlers: Handlers = {}, model: SpecOutcome = DINO) {
  const backend = fakeProject(imageEntries(12))
  const fake = createFakeApi({
    ...backend.handlers,
    'batch.start': () => ok({ jobId: 'job-1' }),
    'batch.pause': ({ jobId }) => ok({ ...progress({ jobId, state: 'paused' }) }),
    'batch.resume': ({ jobId }) => ok({ ...progress({ jobId }) }),
    'batch.cancel': ({ jobId }) => ok({ ...progress({ jobId, state: 'cancelled' }) }),
    ...handlers,
  })
  const errors = new ErrorState()
  const project = new ProjectState(fake.api, errors, () => {})
  const batch = new BatchState(fake.api, errors, project, {
    model: () => model,
    profileId: () => 'local',
  })
  const stop = batch.listen()
  await project.openFolder('/images/photos')
  return { ...fake, errors, project, batch, stop }
}

describe('BatchState', () => {
  it('starts the model panel’s model on the chosen images of the open project', async () => {
    const ws = await setup()
    ws.batch.scope = 'new'
    ws.batch.concurrency = 2
    await ws.batch.runAll()
    expect(ws.calls.find((c) => c.channel === 'batch.start')?.input).toEqual({
      projectId: 'p1',
      model: DINO.spec,
      scope: 'new',
      profileId: 'local',
      concurrency: 2,
    })
    expect(ws.batch.running).toBe(true)
    expect(ws.batch.canRun).toBe(false)
  })

  it('leaves the concurrency to the profile unless the user sets one', async () => {
    const ws = await setup()
    await ws.batch.runAll()
    expect(ws.calls.find((c) => c.channel === 'batch.start')?.input).not.toHaveProperty(
      'concurrency',
    )
  })

  it('says why it cannot run: no folder, or a model not ready', async () => {
    const ws = await setup({}, { spec: null, problem: 'Type at least one class.' })
    expect(ws.batch.blocker).toBe('Type at least one class.')
    await ws.batch.runAll()
    expect(ws.errors.current).toMatchObject({ message: 'Type at least one class.' })
    expect(ws.calls.some((c) => c.channel === 'batch.start')).toBe(false)
  })

  it('follows progress, pauses, resumes, and reports the run with the badges once it ends', async () => {
    const ws = await setup()
    await ws.batch.runAll()
    ws.emit('batch.progress', progress())
    expect(ws.batch.progress).toMatchObject({ done: 3, failed: 1, total: 12, jobId: 'job-1' })
    await ws.batch.pause()
    expect(ws.batch.paused).toBe(true)
    await ws.batch.resume()
    expect(ws.batch.paused).toBe(false)
    ws.emit('batch.finished', summary())
    await vi.waitFor(() => expect(ws.batch.report).not.toBeNull())
    expect(ws.batch.running).toBe(false)
    expect(ws.batch.progress?.state).toBe('finished')
    expect(ws.batch.report?.summary.failures[0]?.key).toBe('broken.png')
    expect(ws.batch.report?.counts).toEqual({
      'not-run': 12,
      suggested: 0,
      empty: 0,
      reviewed: 0,
      failed: 0,
    })
  })

  it('keeps the newest snapshot when the answer to Pause arrives after later events', async () => {
    let answer: (() => void) | null = null
    const ws = await setup({
      'batch.pause': ({ jobId }) =>
        new Promise((resolve) => {
          answer = () => resolve(ok(progress({ jobId, state: 'paused', inFlight: 2, seq: 5 })))
        }),
    })
    await ws.batch.runAll()
    const pausing = ws.batch.pause()
    // While the answer travels, the two requests in flight finish and main says so.
    ws.emit('batch.progress', progress({ state: 'paused', inFlight: 1, done: 4, seq: 6 }))
    ws.emit('batch.progress', progress({ state: 'paused', inFlight: 0, done: 5, seq: 7 }))
    answer!()
    await pausing
    expect(ws.batch.progress).toMatchObject({ state: 'paused', inFlight: 0, done: 5, seq: 7 })
    // An older event arriving late changes nothing either.
    ws.emit('batch.progress', progress({ state: 'running', inFlight: 2, seq: 4 }))
    expect(ws.batch.progress).toMatchObject({ state: 'paused', inFlight: 0 })
  })

  it('ignores progress of other projects’ runs', async () => {
    const ws = await setup()
    await ws.batch.runAll()
    ws.emit('batch.progress', progress({ jobId: 'other', projectDir: '/elsewhere' }))
    expect(ws.batch.progress).toBeNull()
  })

  it('picks up a run of the open project that was going on before a reload', async () => {
    const ws = await setup()
    ws.emit('batch.progress', progress({ jobId: 'job-9' }))
    expect(ws.batch.jobId).toBe('job-9')
    await ws.batch.cancel()
    expect(ws.calls.at(-1)).toEqual({ channel: 'batch.cancel', input: { jobId: 'job-9' } })
  })

  it('does not get stuck when a run ends before its start call answers', async () => {
    let finish: () => void = () => {}
    const ws = await setup({
      'batch.start': () =>
        new Promise((resolve) => {
          finish = () => resolve(ok({ jobId: 'job-1' }))
        }),
    })
    const starting = ws.batch.runAll()
    await vi.waitFor(() => expect(ws.batch.starting).toBe(true))
    ws.emit('batch.progress', progress({ done: 0, failed: 0, total: 0, state: 'finished' }))
    ws.emit('batch.finished', summary({ done: 0, failed: 0, failures: [] }))
    finish()
    await starting
    await vi.waitFor(() => expect(ws.batch.report).not.toBeNull())
    expect(ws.batch.running).toBe(false)
  })

  it('retries the failed images alone', async () => {
    const ws = await setup()
    await ws.batch.retryFailed()
    expect(ws.calls.find((c) => c.channel === 'batch.start')?.input).toMatchObject({
      scope: 'failed',
    })
  })

  it('shows main’s refusal to start and stays ready', async () => {
    const ws = await setup({
      'batch.start': () => ({
        ok: false,
        error: { code: 'invalid-input', message: 'A run is already going on for this project.' },
      }),
    })
    await ws.batch.runAll()
    expect(ws.errors.current?.message).toMatch(/already going on/)
    expect(ws.batch.running).toBe(false)
    expect(ws.batch.canRun).toBe(true)
  })
})
