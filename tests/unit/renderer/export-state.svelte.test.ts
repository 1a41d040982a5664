import { describe, expect, it, vi } from 'vitest'
import type { ExportJobSummary } from '../../../src/shared/contract'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ExportState } from '../../../src/renderer/src/state/export-state.svelte'
import { ProjectState } from '../../../src/renderer/src/state/project-state.svelte'
import { createFakeApi, fakeProject, imageEntries, ok, type Handlers } from './fake-api'

const finished = (extra: Partial<ExportJobSummary> = {}): ExportJobSummary => ({
  jobId: 'ex-1',
  format: 'coco',
  path: '/images/photos-coco.json',
  images: 12,
  annotations: 30,
  warnings: [],
  cancelled: false,
  error: null,
  ...extra,
})

async function setup(handlers: Handlers = {}) {
  const fake = createFakeApi({
    ...fakeProject(imageEntries(12)).handlers,
    'export.start': () => ok({ jobId: 'ex-1' }),
    'export.cancel': () => ok({ cancelled: true }),
    // Main proposes the images folder's parent here (writable, not the app's own).
    'export.suggestFolder': () => ok({ folder: '/images' }),
    ...handlers,
  })
  const errors = new ErrorState()
  const project = new ProjectState(fake.api, errors, () => {})
  const exports = new ExportState(fake.api, errors, project)
  // None of the fake folder's images is reviewed; these specs export every image.
  exports.imageChoice = 'all'
  const stop = exports.listen()
  await project.openFolder('/images/photos')
  return { ...fake, errors, project, exports, stop }
}

describe('ExportState', () => {
  it('waits, saying why, when only reviewed images are asked for and none is reviewed', async () => {
    const ws = await setup()
    ws.exports.imageChoice = 'reviewed'
    await ws.exports.show()
    await vi.waitFor(() => expect(ws.exports.counts).toEqual({ reviewed: 0, all: 12 }))
    expect(ws.exports.nothingReviewed).toBe(true)
    expect(ws.exports.canStart).toBe(false)
    ws.exports.imageChoice = 'all'
    expect(ws.exports.canStart).toBe(true)
  })

  it('suggests a target beside the folder that follows the format until the user types one', async () => {
    const ws = await setup()
    await ws.exports.show()
    expect(ws.exports.target).toBe('/images/photos-coco.json')
    ws.exports.setFormat('yolo')
    expect(ws.exports.target).toBe('/images/photos-yolo')
    ws.exports.setTarget('/out/labels')
    ws.exports.setFormat('voc')
    expect(ws.exports.target).toBe('/out/labels')
  })

  it('sends the options as the contract names them, and shows progress then the outcome', async () => {
    const ws = await setup()
    await ws.exports.show()
    ws.exports.includeSuggested = true
    ws.exports.zeroBasedIds = true
    await ws.exports.start()
    expect(ws.calls.find((c) => c.channel === 'export.start')?.input).toEqual({
      projectId: 'p1',
      format: 'coco',
      target: '/images/photos-coco.json',
      include: 'accepted+suggested',
      // Suggestions wait on images nobody reviewed yet, so they all go.
      images: 'all',
      categoryBase: 0,
      copyImages: false,
      overwrite: false,
      labels: true,
    })
    expect(ws.exports.running).toBe(true)
    ws.emit('export.progress', { jobId: 'ex-1', phase: 'writing', done: 5, total: 12 })
    expect(ws.exports.progress?.done).toBe(5)
    ws.emit('export.finished', finished({ warnings: ['2 boxes were clamped'] }))
    expect(ws.exports.running).toBe(false)
    expect(ws.exports.result?.warnings).toEqual(['2 boxes were clamped'])
  })

  it('keeps a refusal that arrives before the start call answers', async () => {
    let answer: () => void = () => {}
    const ws = await setup({
      'export.start': () =>
        new Promise((resolve) => (answer = () => resolve(ok({ jobId: 'ex-1' })))),
    })
    await ws.exports.show()
    const starting = ws.exports.start()
    await vi.waitFor(() => expect(ws.exports.starting).toBe(true))
    const error = { code: 'invalid-input', message: 'COCO file refused:\n- duplicate image id 3' }
    ws.emit('export.finished', finished({ error }))
    answer()
    await starting
    expect(ws.exports.running).toBe(false)
    expect(ws.exports.result?.error).toEqual(error)
  })

  it('shows a refused start as the outcome, in the dialog', async () => {
    const ws = await setup({
      'export.start': () => ({
        ok: false,
        error: { code: 'invalid-input', message: 'The folder is not empty.' },
      }),
    })
    await ws.exports.show()
    await ws.exports.start()
    expect(ws.exports.result?.error?.message).toBe('The folder is not empty.')
    expect(ws.exports.running).toBe(false)
  })

  it('cancels the export in progress', async () => {
    const ws = await setup()
    await ws.exports.show()
    await ws.exports.start()
    await ws.exports.cancel()
    expect(ws.calls.at(-1)).toEqual({ channel: 'export.cancel', input: { jobId: 'ex-1' } })
    ws.emit('export.finished', finished({ cancelled: true }))
    expect(ws.exports.result?.cancelled).toBe(true)
  })

  it('only copies images for COCO, and sends a line width only when chosen', async () => {
    const ws = await setup()
    await ws.exports.show()
    ws.exports.setCopyImages(true)
    expect(ws.exports.target).toBe('/images/photos-coco')
    ws.exports.setFormat('annotated')
    ws.exports.lineWidth = 3
    await ws.exports.start()
    expect(ws.calls.find((c) => c.channel === 'export.start')?.input).toMatchObject({
      format: 'annotated',
      target: '/images/photos-annotated',
      copyImages: false,
      lineWidth: 3,
    })
  })
})
