import { flushSync } from 'svelte'
import { describe, expect, it } from 'vitest'
import type { AnnotationBox } from '../../../src/shared/annotations'
import type { PromptlabelApi } from '../../../src/shared/bridge-api'
import {
  AnnotationState,
  targetOf,
  type AnnotationTarget,
} from '../../../src/renderer/src/state/annotation-state.svelte'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ReviewState } from '../../../src/renderer/src/state/review-state.svelte'
import { ToolState } from '../../../src/renderer/src/state/tool-state.svelte'
import { ClassState } from '../../../src/renderer/src/state/class-state.svelte'
import { createFakeApi, ok } from './fake-api'

const target = (key: string): AnnotationTarget => ({
  projectId: 'p1',
  key,
  imageId: `id-${key}`,
  width: 400,
  height: 300,
})
const suggestion = (id: string, confidence: number, x = 0): AnnotationBox => ({
  id,
  className: 'dog',
  box: { x, y: 10, width: 40, height: 40 },
  confidence,
  source: 'model',
  state: 'suggested',
})

const run = (id: string, confidence: number, x = 0) => {
  const { className, box } = suggestion(id, confidence, x)
  return { id, className, box, confidence }
}

/** Main as the editor sees it: documents by key, saved as they arrive. */
function fakeMain(docs: Record<string, AnnotationBox[]>) {
  const fake = createFakeApi({
    'annotations.get': ({ key }) =>
      ok({
        imageId: `id-${key}`,
        url: `u/${key}`,
        width: 400,
        height: 300,
        doc: { key, width: 400, height: 300, boxes: docs[key] ?? [], lastRun: null },
      }),
    'annotations.save': ({ key, boxes }) => {
      docs[key] = boxes
      return ok({ status: 'reviewed', pending: 0, kept: boxes.length })
    },
    'project.images': () => ok({ items: [], total: 7, scanning: false }),
    'review.acceptAbove': () => ok({ images: 3, accepted: 9 }),
    'review.nextPending': () => ok({ key: 'c.jpg' }),
  })
  return { ...fake, docs }
}

function createEditor(
  api: PromptlabelApi,
  goTo: (key: string) => Promise<unknown> = async () => {},
) {
  const errors = new ErrorState()
  const annotations = new AnnotationState(api, errors)
  const classes = new ClassState({
    project: () => ({ id: 'p1', classes: ['dog'] }),
    persist: () => {},
  })
  const tools = new ToolState(annotations, classes)
  // These specs draw with the picked class; the label picker has its own specs.
  tools.setAskClass(false)
  const review = new ReviewState(api, errors, annotations, () => tools.classes, goTo)
  return { errors, annotations, tools, review }
}

describe('AnnotationState', () => {
  it('saves every committed change through main at once, undo and redo included', async () => {
    const main = fakeMain({})
    const { annotations, tools } = createEditor(main.api)
    await annotations.follow(target('a.jpg'))
    tools.draw({ x: 10, y: 10, width: 30, height: 30 })
    await annotations.flush()
    expect(main.docs['a.jpg']).toHaveLength(1)
    expect(annotations.selection).toEqual([main.docs['a.jpg']?.[0]?.id])
    annotations.undo()
    await annotations.flush()
    expect(main.docs['a.jpg']).toEqual([])
    annotations.redo()
    await annotations.flush()
    expect(main.docs['a.jpg']?.[0]).toMatchObject({
      className: 'dog',
      source: 'user',
      state: 'accepted',
    })
  })

  it('keeps the undo history of an image after the user has been on another one', async () => {
    const main = fakeMain({ 'b.jpg': [suggestion('s1', 0.9)] })
    const { annotations, tools } = createEditor(main.api)
    await annotations.follow(target('a.jpg'))
    tools.draw({ x: 10, y: 10, width: 30, height: 30 })
    await annotations.follow(target('b.jpg'))
    expect(annotations.boxes.map((b) => b.id)).toEqual(['s1'])
    expect(annotations.undoLabel).toBeNull()
    await annotations.follow(target('a.jpg'))
    expect(annotations.boxes).toHaveLength(1)
    expect(annotations.undoLabel).toBe('Draw box')
    annotations.undo()
    await annotations.flush()
    expect(main.docs['a.jpg']).toEqual([])
  })

  it('folds a model run into the image it ran on, as one undoable step', async () => {
    const main = fakeMain({})
    const { annotations } = createEditor(main.api)
    await annotations.follow(target('a.jpg'))
    await annotations.applyRun(target('a.jpg'), [run('d1', 0.8)], 'single:owlv2')
    expect(annotations.boxes[0]).toMatchObject({
      id: 'd1',
      state: 'suggested',
      runKey: 'single:owlv2',
    })
    // The user moved on before a second run came back: it lands on its own image.
    await annotations.follow(target('b.jpg'))
    await annotations.applyRun(target('a.jpg'), [run('d2', 0.7, 200)], 'single:owlv2')
    await annotations.flush()
    expect(main.docs['a.jpg']?.map((b) => b.id)).toEqual(['d2'])
    await annotations.follow(target('a.jpg'))
    annotations.undo()
    expect(annotations.boxes.map((b) => b.id)).toEqual(['d1'])
  })

  it('names the image without a project by its id and keeps edits for the session only', async () => {
    const main = fakeMain({})
    const found = targetOf(null, { current: { id: 'x', width: 10, height: 20 }, opened: null })
    expect(found?.target).toEqual({
      projectId: null,
      key: 'x',
      imageId: 'x',
      width: 10,
      height: 20,
    })
    const { annotations, tools } = createEditor(main.api)
    await annotations.follow(found!.target)
    tools.draw({ x: 1, y: 1, width: 5, height: 5 })
    await annotations.flush()
    expect(main.calls.filter((c) => c.channel === 'annotations.save')).toEqual([])
  })

  it('never takes the document of the previous image for the next key while navigating', () => {
    const opened = {
      imageId: 'old',
      width: 1,
      height: 1,
      doc: { key: 'old.jpg', boxes: [] },
    }
    const found = targetOf('p1', { current: { id: 'old', width: 1, height: 1 }, opened })
    expect(found?.target.key).toBe('old.jpg')
  })
})

describe('ReviewState and ToolState', () => {
  it('accepts and rejects the focused suggestion and moves to the next, one undo step each', async () => {
    const main = fakeMain({
      'a.jpg': [suggestion('s1', 0.9), suggestion('s2', 0.8, 100), suggestion('s3', 0.3, 200)],
    })
    const { annotations, review } = createEditor(main.api)
    await annotations.follow(target('a.jpg'))
    expect(review.focusNext()).toBe(true)
    review.accept()
    expect(annotations.selection).toEqual(['s2'])
    review.reject()
    expect(annotations.selection).toEqual(['s3'])
    expect(annotations.boxes.map((b) => b.state)).toEqual(['accepted', 'rejected', 'suggested'])
    annotations.undo()
    expect(annotations.boxes[1]?.state).toBe('suggested')
  })

  it('hides suggestions under the live cut and accepts those above it on this image', async () => {
    const main = fakeMain({ 'a.jpg': [suggestion('s1', 0.9), suggestion('s2', 0.4, 100)] })
    const { annotations, review } = createEditor(main.api)
    await annotations.follow(target('a.jpg'))
    review.threshold = 0.5
    flushSync()
    expect(review.listed.map((b) => b.id)).toEqual(['s1'])
    expect(review.counts.hidden).toBe(1)
    review.setClassThreshold('dog', 0.3)
    expect(review.listed).toHaveLength(2)
    review.setClassThreshold('dog', null)
    review.acceptAboveHere()
    await annotations.flush()
    expect(main.docs['a.jpg']?.map((b) => b.state)).toEqual(['accepted', 'suggested'])
    expect(review.note).toMatch(/Accepted 1/)
  })

  it('asks before accepting across the folder, with the number of images', async () => {
    const main = fakeMain({})
    const { annotations, review } = createEditor(main.api)
    await annotations.follow(target('a.jpg'))
    review.threshold = 0.6
    await review.askFolder()
    expect(review.confirmation).toEqual({ threshold: 0.6, perClass: {}, images: 7 })
    await review.confirmFolder()
    expect(main.calls.find((c) => c.channel === 'review.acceptAbove')?.input).toEqual({
      projectId: 'p1',
      threshold: 0.6,
      perClass: {},
    })
    expect(review.note).toBe('Accepted 9 in 3 images.')
  })

  it('goes to the next image with suggestions through the navigation', async () => {
    const main = fakeMain({})
    const visited: string[] = []
    const { annotations, review } = createEditor(main.api, async (key) => visited.push(key))
    await annotations.follow(target('a.jpg'))
    await review.nextPendingImage()
    expect(visited).toEqual(['c.jpg'])
  })

  it('picks classes with digits, relabels the selection, and pastes copies offset', async () => {
    const main = fakeMain({ 'a.jpg': [suggestion('s1', 0.9)] })
    const { annotations, tools } = createEditor(main.api)
    await annotations.follow(target('a.jpg'))
    tools.addClass('cat')
    expect(tools.classes).toEqual(['dog', 'cat'])
    annotations.select(['s1'])
    tools.pickClass(1)
    expect(annotations.boxes[0]).toMatchObject({ className: 'cat', state: 'edited' })
    tools.copy()
    tools.paste()
    expect(annotations.boxes[1]?.box).toEqual({ x: 10, y: 20, width: 40, height: 40 })
    tools.duplicate()
    expect(annotations.boxes).toHaveLength(3)
    tools.nudge(5, 0)
    tools.nudge(5, 0)
    expect(annotations.boxes[2]?.box.x).toBe(30)
    // The two nudges are one step; undoing it leaves the duplicate where it was made.
    annotations.undo()
    expect(annotations.boxes[2]?.box.x).toBe(20)
  })
})
