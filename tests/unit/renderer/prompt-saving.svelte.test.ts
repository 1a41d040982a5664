import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EMPTY_PROMPTS, readSavedPrompt } from '../../../src/renderer/src/core/prompt-file'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ModelState } from '../../../src/renderer/src/state/model-state.svelte'
import { makeShapesImage } from '../../support/test-images'
import { createInProcessApi } from '../../support/in-process-api'
import { createTestServices } from '../../support/services'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

type Project = { id: string; prompts: Record<string, unknown> }

/**
 * A model state whose prompts are linked to a recording `persist`. The renderer tests compile Svelte
 * for the server, where effects do not run, so the test calls what connect's two effects call: `open`
 * when a project opens and `edited` after each change.
 */
function linked(first: Project | null = null) {
  const models = new ModelState()
  const writes: { projectId: string; prompts: Record<string, unknown> }[] = []
  const stop = models.prompts.connect(
    async (projectId, prompts) => void writes.push({ projectId, prompts }),
    () => null,
  )
  cleanups.push(stop)
  if (first) models.prompts.open(first.id, first.prompts)
  return {
    models,
    writes,
    open: (project: Project) => models.prompts.open(project.id, project.prompts),
    edit: (change: () => void) => {
      change()
      models.prompts.edited()
    },
    stop,
  }
}

const gdSaved = {
  version: 1,
  classesText: 'dog, cat',
  boxThreshold: 0.5,
  textThreshold: 0.2,
  classAgnosticNms: true,
}

describe('PromptSaving: the text-prompt editors are saved with the project', () => {
  it('writes once typing pauses, only the editor that changed, and says when it is saved', async () => {
    vi.useFakeTimers()
    const { models, writes, edit } = linked({ id: 'p1', prompts: {} })
    expect(models.prompts.saved).toBe(true)
    for (const text of ['r', 're', 'red']) edit(() => (models.groundingDino.classesText = text))
    expect(writes).toEqual([])
    expect(models.prompts.saved).toBe(false)
    await vi.runAllTimersAsync()
    expect(writes).toEqual([
      {
        projectId: 'p1',
        prompts: { groundingDino: { ...EMPTY_PROMPTS.groundingDino, classesText: 'red' } },
      },
    ])
    expect(models.prompts.saved).toBe(true)

    // Back to what was written before the pause ended: nothing new to write.
    edit(() => (models.groundingDino.classesText = 'redd'))
    edit(() => (models.groundingDino.classesText = 'red'))
    expect(models.prompts.saved).toBe(true)
    await vi.runAllTimersAsync()
    expect(writes).toHaveLength(1)

    edit(() => {
      models.moondream.promptsText = 'red car\nbike'
      models.moondream.modelId = 'moondream2/custom'
      models.hosted.project = 'shapes'
      models.hosted.imageUrl = 'https://example.com/one.jpg'
    })
    await vi.runAllTimersAsync()
    expect(writes.at(-1)?.prompts).toEqual({
      moondream2: { version: 1, promptsText: 'red car\nbike', modelId: 'moondream2/custom' },
      hosted: { ...EMPTY_PROMPTS.hosted, project: 'shapes' },
    })
  })

  it('says it is saved only once main has answered', async () => {
    const models = new ModelState()
    let answer = () => {}
    models.prompts.connect(
      () => new Promise<void>((resolve) => (answer = resolve)),
      () => null,
    )
    models.prompts.open('p1', {})
    models.groundingDino.classesText = 'red'
    models.prompts.flush()
    expect(models.prompts.saved).toBe(false)
    answer()
    await vi.waitFor(() => expect(models.prompts.saved).toBe(true))
  })

  it('restores a project’s saved editors when it opens, without writing them back', () => {
    const { models, writes } = linked({
      id: 'p1',
      prompts: {
        groundingDino: gdSaved,
        moondream2: { version: 1, promptsText: 'red', modelId: null },
        hosted: { ...EMPTY_PROMPTS.hosted, project: 'shapes', modelVersion: 3, confidence: 55 },
        owlv2: { version: 1, confidence: 0.9, references: [] },
      },
    })
    expect(models.groundingDino.classes).toEqual(['dog', 'cat'])
    expect(models.groundingDino.boxThreshold).toBe(0.5)
    expect(models.groundingDino.textThreshold).toBe(0.2)
    expect(models.groundingDino.classAgnosticNms).toBe(true)
    expect(models.moondream.promptsText).toBe('red')
    // Null: the model id still follows the profile.
    expect(models.moondream.modelId).toBe('moondream2/moondream2-2b')
    expect(models.hosted.outcome.spec).toMatchObject({
      project: 'shapes',
      version: 3,
      confidence: 55,
    })
    models.prompts.flush()
    expect(writes).toEqual([])
    expect(models.prompts.saved).toBe(true)
  })

  it('restores once per project opened: the same project again keeps the edits made since', () => {
    const { models, open, edit } = linked({ id: 'p1', prompts: { groundingDino: gdSaved } })
    edit(() => (models.groundingDino.classesText = 'bird'))
    open({ id: 'p1', prompts: { groundingDino: gdSaved } })
    expect(models.groundingDino.classesText).toBe('bird')
  })

  it('empties an editor whose saved value is unreadable, keeps the others, and writes nothing until an edit', () => {
    const { models, writes, open, edit } = linked(null)
    edit(() => {
      models.groundingDino.classesText = 'from the session'
      models.moondream.promptsText = 'also from the session'
      models.hosted.project = 'shapes'
    })
    open({
      id: 'p1',
      prompts: {
        groundingDino: { version: 1, classesText: 42 },
        moondream2: { version: 9 },
        hosted: { ...EMPTY_PROMPTS.hosted, project: 'saved' },
      },
    })
    expect(models.groundingDino.classesText).toBe('')
    expect(models.moondream.promptsText).toBe('')
    expect(models.hosted.project).toBe('saved')
    models.prompts.flush()
    expect(writes).toEqual([])

    edit(() => (models.moondream.promptsText = 'red'))
    models.prompts.flush()
    // Only the edited editor is written: the unreadable Grounding DINO value stays on disk.
    expect(writes).toEqual([
      {
        projectId: 'p1',
        prompts: { moondream2: { ...EMPTY_PROMPTS.moondream2, promptsText: 'red' } },
      },
    ])
  })

  it('writes a pending edit to the old project at once when another opens, then shows the new one’s', () => {
    vi.useFakeTimers()
    const { models, writes, open, edit } = linked({ id: 'p1', prompts: {} })
    edit(() => (models.groundingDino.classesText = 'red'))
    open({ id: 'p2', prompts: { groundingDino: gdSaved } })
    expect(writes).toEqual([
      {
        projectId: 'p1',
        prompts: { groundingDino: { ...EMPTY_PROMPTS.groundingDino, classesText: 'red' } },
      },
    ])
    expect(models.groundingDino.classesText).toBe('dog, cat')
  })

  it('saves what the session had into a project that has no prompts yet, but not empty editors', async () => {
    vi.useFakeTimers()
    const { models, writes, open, edit } = linked({ id: 'p1', prompts: {} })
    await vi.runAllTimersAsync()
    expect(writes).toEqual([])
    edit(() => (models.moondream.promptsText = 'red'))
    open({ id: 'p2', prompts: {} })
    expect(models.moondream.promptsText).toBe('red')
    await vi.runAllTimersAsync()
    expect(writes.map((w) => w.projectId)).toEqual(['p1', 'p2'])
    expect(writes[1]?.prompts).toEqual({
      moondream2: { ...EMPTY_PROMPTS.moondream2, promptsText: 'red' },
    })
  })

  it('writes nothing without a project, and what still waits when the link stops (the window closes)', () => {
    vi.useFakeTimers()
    const { models, writes, open, edit, stop } = linked(null)
    edit(() => (models.groundingDino.boxThreshold = 0.6))
    models.prompts.flush()
    expect(writes).toEqual([])
    open({ id: 'p1', prompts: { groundingDino: gdSaved } })
    edit(() => (models.groundingDino.boxThreshold = 0.7))
    stop()
    expect(writes).toEqual([
      { projectId: 'p1', prompts: { groundingDino: { ...gdSaved, boxThreshold: 0.7 } } },
    ])
  })

  it('reads each saved entry on its own and reports what cannot be read', () => {
    expect(readSavedPrompt('groundingDino', undefined)).toEqual({ kind: 'missing' })
    expect(readSavedPrompt('groundingDino', gdSaved)).toEqual({ kind: 'saved', value: gdSaved })
    expect(readSavedPrompt('groundingDino', { ...gdSaved, boxThreshold: 3 })).toEqual({
      kind: 'unreadable',
    })
    expect(readSavedPrompt('moondream2', 'red')).toEqual({ kind: 'unreadable' })
    expect(readSavedPrompt('hosted', { ...EMPTY_PROMPTS.hosted, version: 2 })).toEqual({
      kind: 'unreadable',
    })
  })
})

describe('PromptSaving through the real project service', () => {
  it('keeps the prompts in the project file next to the OwlV2 set, and restores them when it opens again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'promptlabel-prompts-'))
    const imagesDir = join(root, 'photos')
    await mkdir(imagesDir)
    const { buffer } = await makeShapesImage({ width: 40, height: 30, shapes: [], format: 'png' })
    await writeFile(join(imagesDir, 'a.png'), buffer)
    const services = createTestServices(join(root, 'data'))
    cleanups.push(() => services.close())
    const api = createInProcessApi(services)
    const errors = new ErrorState()
    const persist = async (projectId: string, prompts: Record<string, unknown>) => {
      errors.unwrap(await api.invoke('project.update', { projectId, prompts }))
    }
    const opened = errors.unwrap(await api.invoke('project.openFolder', { imagesDir }))!
    expect(opened.prompts).toEqual({})
    await persist(opened.id, { owlv2: { version: 1, confidence: 0.5, references: [] } })

    const first = new ModelState()
    cleanups.push(first.prompts.connect(persist, () => null))
    first.prompts.open(opened.id, opened.prompts)
    first.groundingDino.classesText = 'red square, blue'
    first.groundingDino.textThreshold = 0.3
    first.moondream.promptsText = 'yellow circle'
    first.select('owlv2')
    first.prompts.flush()
    await vi.waitFor(() => expect(first.prompts.saved).toBe(true))
    expect(errors.current).toBeNull()

    const again = errors.unwrap(await api.invoke('project.open', { projectDir: opened.dir }))!
    expect(Object.keys(again.prompts).sort()).toEqual([
      'groundingDino',
      'model',
      'moondream2',
      'owlv2',
    ])
    const second = new ModelState()
    cleanups.push(second.prompts.connect(persist, () => null))
    second.prompts.open(again.id, again.prompts)
    expect(second.groundingDino.classes).toEqual(['red square', 'blue'])
    expect(second.groundingDino.textThreshold).toBe(0.3)
    expect(second.moondream.promptsText).toBe('yellow circle')
    expect(second.hosted.project).toBe('')
    // The project opens with the model it was last used with.
    expect(second.kind).toBe('owlv2')
  })
})
