import { describe, expect, it } from 'vitest'
import { createFakeApi, ok } from './fake-api'
import { createWorkspace, image, result } from './state-harness'

const box = { x: 10, y: 20, width: 30, height: 40 }

describe('ModelState', () => {
  it('keeps every editor as it was while the user switches kinds', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    models.groundingDino.classesText = 'dog'
    models.select('moondream2')
    models.moondream.promptsText = 'red\nblue square'
    models.select('hosted')
    models.hosted.project = 'shapes'
    models.select('grounding-dino')
    expect(models.spec).toMatchObject({ kind: 'grounding-dino', classes: ['dog'] })
    models.select('moondream2')
    expect(models.spec).toMatchObject({ prompts: ['red', 'blue square'] })
    models.select('hosted')
    expect(models.spec).toMatchObject({ project: 'shapes', confidence: 40, overlap: 30 })
    expect(models.label).toBe('Custom model')
  })

  it('follows the profile defaults until the user types another model id', () => {
    let moondreamModelId = 'moondream2/moondream2-2b'
    const defaults = () => ({ owlv2VersionId: 'owlv2-base', moondreamModelId })
    const { models } = createWorkspace(createFakeApi({}).api, defaults)
    expect(models.moondream.modelId).toBe('moondream2/moondream2-2b')
    moondreamModelId = 'moondream2/moondream2_2b_jul24'
    expect(models.moondream.modelId).toBe('moondream2/moondream2_2b_jul24')
    models.moondream.modelId = 'mine/1'
    expect(models.moondream.modelId).toBe('mine/1')
  })

  it('names the problem of the chosen editor only', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    models.hosted.project = 'shapes'
    models.select('hosted')
    expect(models.problem).toBeNull()
    models.select('owlv2')
    expect(models.problem).toMatch(/example box/)
  })
})

describe('ExemplarState', () => {
  it('draws only once a class is typed and a reference is shown, and stops when another kind is chosen', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    models.select('owlv2')
    models.owlv2.addOpened(image('a'), null)
    models.owlv2.startDrawing()
    expect(models.owlv2.drawing).toBe(false)
    expect(models.owlv2.drawBlocker).toMatch(/class/)
    models.owlv2.className = 'red'
    models.owlv2.startDrawing()
    expect(models.drawingExemplars).toBe(true)
    models.select('moondream2')
    expect(models.owlv2.drawing).toBe(false)
  })

  it('adds boxes to the shown reference with the current class and sign, edits and removes them', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    const owlv2 = models.owlv2
    owlv2.addOpened(image('a'), 'a.jpg')
    owlv2.className = '  red   shape '
    const first = owlv2.add(box)
    owlv2.negative = true
    const second = owlv2.add({ ...box, x: 100 })
    expect(owlv2.selection).toEqual([second?.id])
    expect(owlv2.boxesOn('a').map((b) => [b.className, b.negative])).toEqual([
      ['red shape', false],
      ['red shape', true],
    ])
    expect(owlv2.hasCounterExamples).toBe(true)
    owlv2.update('a', second?.id ?? '', { negative: false, box: { ...box, x: 120 } })
    expect(owlv2.boxesOn('a')[1]).toMatchObject({ negative: false, box: { x: 120 } })
    owlv2.remove('a', first?.id ?? '')
    expect(owlv2.boxCount).toBe(1)
    owlv2.removeReference('a')
    expect(owlv2.references).toEqual([])
  })

  it('runs OwlV2 on a query image with the references drawn on other images', async () => {
    const { api, calls } = createFakeApi({
      'image.open': ({ path }) => ok(image(path)),
      'detection.run': ({ requestId, imageId }) =>
        ok(result(requestId, imageId, { model: 'owlv2', mapping: [] })),
    })
    const ws = createWorkspace(api, () => ({ owlv2VersionId: 'owlv2-base', moondreamModelId: 'm' }))
    ws.models.select('owlv2')
    ws.models.owlv2.className = 'red'
    ws.models.owlv2.addOpened(image('ref'), null)
    ws.models.owlv2.add(box)
    // A reference without boxes yet is not sent.
    ws.models.owlv2.addOpened(image('empty'), null)
    ws.image.pathDraft = 'query'
    await ws.image.openPath()
    await ws.detection.run()
    expect(calls.find((c) => c.channel === 'detection.run')?.input).toMatchObject({
      imageId: 'query',
      model: {
        kind: 'owlv2',
        references: [{ imageId: 'ref', boxes: [{ box, className: 'red', negative: false }] }],
        confidence: 0.99,
        versionId: 'owlv2-base',
      },
    })
  })

  it('refuses a set whose only boxes of a class are counter-examples', () => {
    const { models } = createWorkspace(createFakeApi({}).api)
    models.select('owlv2')
    models.owlv2.addOpened(image('a'), null)
    models.owlv2.className = 'red'
    models.owlv2.negative = true
    models.owlv2.add(box)
    expect(models.problem).toMatch(/only counter-examples/)
  })

  it('saves the set with the project by key, and restores it with the images opened again', async () => {
    const saved: unknown[] = []
    const opened: string[] = []
    const links = {
      openImage: async (path: string) => {
        opened.push(path)
        return { ...image(path.split('/').at(-1) ?? path), path }
      },
      folder: () => ({ projectId: 'p1', imagesDir: '/photos' }),
      persist: (_: string, value: unknown) => saved.push(value),
    }
    const first = createWorkspace(createFakeApi({}).api).models.owlv2
    const stop = first.connect(links, () => null)
    expect(await first.addImage('day 1/a.jpg')).toBe(true)
    expect(opened).toEqual(['/photos/day 1/a.jpg'])
    first.className = 'red'
    first.add(box)
    expect(await first.addImage('/elsewhere/b.png')).toBe(true)
    first.negative = true
    first.add({ ...box, x: 5 })
    stop()
    const last = saved.at(-1)
    expect(last).toMatchObject({
      version: 1,
      references: [
        { key: 'day 1/a.jpg', boxes: [{ box, className: 'red', negative: false }] },
        { key: null, path: '/elsewhere/b.png', boxes: [{ negative: true }] },
      ],
    })

    opened.length = 0
    const second = createWorkspace(createFakeApi({}).api).models.owlv2
    second.connect(links, () => null)()
    await second.restore('p1', last)
    expect(opened).toEqual(['/photos/day 1/a.jpg', '/elsewhere/b.png'])
    expect(second.references.map((r) => [r.key, r.boxes.length])).toEqual([
      ['day 1/a.jpg', 1],
      [null, 1],
    ])
    expect(second.outcome.problem).toBeNull()
  })
})
