import { describe, expect, it } from 'vitest'
import type { DetectionResult } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { AnnotationState } from '../../../src/renderer/src/state/annotation-state.svelte'
import { DetectionState } from '../../../src/renderer/src/state/detection-state.svelte'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ReviewState } from '../../../src/renderer/src/state/review-state.svelte'
import { createFakeApi, ok } from './fake-api'
import { createWorkspace, image, result } from './state-harness'

async function open(ws: ReturnType<typeof createWorkspace>, id: string): Promise<void> {
  ws.image.pathDraft = id
  await ws.image.openPath()
}

describe('DetectionState', () => {
  it('sends the parsed prompt and keeps it when another image is opened', async () => {
    const { api, calls } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) => ok(result(requestId, imageId)),
    })
    const ws = createWorkspace(api)
    ws.models.groundingDino.classesText = 'dog, person ,'
    ws.models.groundingDino.boxThreshold = 0.4
    await open(ws, 'a')
    await ws.detection.run()

    const run = calls.find((c) => c.channel === 'detection.run')?.input
    expect(run).toMatchObject({
      imageId: 'a',
      model: {
        kind: 'grounding-dino',
        classes: ['dog', 'person'],
        boxThreshold: 0.4,
        textThreshold: 0.25,
        classAgnosticNms: false,
      },
    })
    expect(ws.detection.summary).toMatch(/^1 box/)

    await open(ws, 'b')
    expect(ws.models.groundingDino.classes).toEqual(['dog', 'person'])
    expect(ws.detection.result).toBeNull()
  })

  it('keeps each image its own result, found again when switching back', async () => {
    const { api } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) => ok(result(requestId, imageId)),
    })
    const ws = createWorkspace(api)
    ws.models.groundingDino.classesText = 'dog'
    await open(ws, 'a')
    await ws.detection.run()
    await open(ws, 'b')
    expect(ws.detection.result).toBeNull()
    expect(ws.image.recent.map((i) => i.id)).toEqual(['a', 'b'])

    await ws.image.select(image('a'))
    expect(ws.image.current?.id).toBe('a')
    expect(ws.detection.result?.imageId).toBe('a')
  })

  it('shows progress events of its own request only, and ends quietly when cancelled', async () => {
    let finish: (value: Result<DetectionResult>) => void = () => {}
    const { api, emit } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': () => new Promise((resolve) => (finish = resolve)),
      'detection.cancel': () => ok({ cancelled: true }),
    })
    const ws = createWorkspace(api)
    const stop = ws.detection.listen()
    ws.models.groundingDino.classesText = 'dog'
    await open(ws, 'a')
    const running = ws.detection.run()
    const requestId = ws.detection.running?.requestId ?? ''

    emit('detection.status', { requestId: 'other', state: 'uploading', attempt: 1, message: 'x' })
    emit('detection.status', { requestId, state: 'retrying', attempt: 2, message: 'Retrying (2)' })
    expect(ws.detection.running?.message).toBe('Retrying (2)')

    await ws.detection.cancel()
    finish({ ok: false, error: { code: 'cancelled', message: 'Cancelled' } })
    await running
    expect(ws.detection.running).toBeNull()
    expect(ws.errors.current).toBeNull()
    expect(ws.detection.note).toMatch(/cancelled/i)
    stop()
  })

  it('refuses to run an incomplete editor and says why', async () => {
    const { api, calls } = createFakeApi({ 'image.open': ({ path }) => ok(image(path)) })
    const ws = createWorkspace(api)
    await open(ws, 'a')
    await ws.detection.run()
    expect(calls.some((c) => c.channel === 'detection.run')).toBe(false)
    expect(ws.errors.current).toMatchObject({ code: 'invalid-input' })
    expect(ws.detection.canRun).toBe(false)
  })

  it('shows the warnings of a run and switches to the server picture when one came back', async () => {
    const { api } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) =>
        ok(
          result(requestId, imageId, {
            model: 'hosted',
            warnings: ['Counter-examples may be ignored.'],
            renderedImageUrl: 'app-image://rendition-1',
          }),
        ),
    })
    const ws = createWorkspace(api)
    ws.models.select('hosted')
    ws.models.hosted.project = 'shapes'
    ws.models.hosted.renderImage = true
    await open(ws, 'a')
    await ws.detection.run()
    expect(ws.detection.warnings).toEqual(['Counter-examples may be ignored.'])
    expect(ws.detection.renderedImageUrl).toBe('app-image://rendition-1')
    expect(ws.view.showRendered).toBe(true)
  })

  it('colours results in the order the editor listed the classes', async () => {
    const { api } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) =>
        ok(
          result(requestId, imageId, {
            model: 'moondream2',
            mapping: [],
            detections: [
              {
                id: 'x',
                className: 'blue',
                confidence: 1,
                box: { x: 0, y: 0, width: 5, height: 5 },
              },
            ],
          }),
        ),
    })
    const ws = createWorkspace(api)
    ws.models.select('moondream2')
    ws.models.moondream.promptsText = 'red\nblue'
    await open(ws, 'a')
    await ws.detection.run()
    expect(ws.detection.classOrder).toEqual(['red', 'blue'])
  })
})

describe('DetectionState with annotations', () => {
  it('puts the boxes into the project when the image’s folder opened while the model ran', async () => {
    let answer: (() => void) | null = null
    const { api, calls } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) =>
        new Promise<Result<DetectionResult>>((resolve) => {
          answer = () => resolve(ok(result(requestId, imageId)))
        }),
      'annotations.save': ({ boxes }) =>
        ok({ status: 'suggested' as const, pending: boxes.length, kept: 0 }),
    })
    const errors = new ErrorState()
    const ws = createWorkspace(api)
    const annotations = new AnnotationState(api, errors)
    const detection = new DetectionState(api, errors, ws.image, ws.models, ws.view, annotations)
    ws.models.groundingDino.classesText = 'dog'
    await open(ws, 'a')
    // Shown at once on its own, as AppState's tracking does before the folder is open.
    await annotations.follow({ projectId: null, key: 'a', imageId: 'a', width: 400, height: 300 })
    const running = detection.run()
    // The folder opened meanwhile: the same image, now the project's `a.jpg`, with no boxes yet.
    const inProject = { projectId: 'p1', key: 'a.jpg', imageId: 'a', width: 400, height: 300 }
    await annotations.follow(inProject, [])
    answer!()
    await running
    expect(annotations.boxes.map((b) => [b.className, b.state])).toEqual([['dog', 'suggested']])
    await annotations.flush()
    expect(calls.find((c) => c.channel === 'annotations.save')?.input).toMatchObject({
      projectId: 'p1',
      key: 'a.jpg',
      boxes: [{ className: 'dog', state: 'suggested' }],
    })
  })
})

describe('DetectionState’s run report', () => {
  it('says a re-run found only the box already kept, and then one the user had rejected', async () => {
    // Each run finds the one dog at (1, 2, 30×40) with a fresh id, as the server would.
    let run = 0
    const { api } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) => {
        run++
        const found = result(requestId, imageId)
        return ok({ ...found, detections: found.detections.map((d) => ({ ...d, id: `d${run}` })) })
      },
    })
    const errors = new ErrorState()
    const ws = createWorkspace(api)
    const annotations = new AnnotationState(api, errors)
    const detection = new DetectionState(api, errors, ws.image, ws.models, ws.view, annotations)
    const review = new ReviewState(
      api,
      errors,
      annotations,
      () => ['dog'],
      async () => {},
    )
    ws.models.groundingDino.classesText = 'dog'
    await open(ws, 'a')
    await annotations.follow({ projectId: null, key: 'a', imageId: 'a', width: 400, height: 300 })

    await detection.run()
    expect(detection.summary).toBe('1 box · 1 class · 120 ms')
    review.accept('d1')
    await detection.run()
    // The same place as the accepted box: nothing new appears in the list, and the report says why.
    expect(annotations.boxes.map((b) => [b.id, b.state])).toEqual([['d1', 'accepted']])
    expect(detection.summary).toBe('1 box, already kept · 1 class · 120 ms')

    review.reject('d1')
    await detection.run()
    expect(annotations.boxes.map((b) => [b.id, b.state])).toEqual([['d1', 'rejected']])
    expect(detection.summary).toBe('1 box you had rejected · 1 class · 120 ms')
  })
})
