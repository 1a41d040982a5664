import { afterEach, describe, expect, it, vi } from 'vitest'
import { SCORE_DELAY_MS } from '../../../src/renderer/src/state/lab-cuts.svelte'
import { ok } from './fake-api'
import { candidate, gdModel } from './lab-fixtures'
import {
  createLab,
  cut,
  fakeLab,
  finishedEvent,
  inputsOf,
  progressEvent,
  PROJECT,
} from './lab-harness'

afterEach(() => {
  vi.useRealTimers()
})

const GOOD_CANDIDATE = candidate('good', gdModel(['red', 'blue']))
const NO_BLUE_CANDIDATE = candidate('no-blue', gdModel(['red']))

describe('opening the lab', () => {
  it('loads the truth set and the candidates, and scores them at their saved cuts', async () => {
    const { handlers } = fakeLab([GOOD_CANDIDATE, NO_BLUE_CANDIDATE])
    const { lab, calls } = createLab(handlers)
    await lab.show()
    expect(lab.open).toBe(true)
    expect(lab.truth?.images).toBe(2)
    expect(lab.chosen).toEqual(['good', 'no-blue'])
    expect(inputsOf(calls, 'lab.score')).toEqual([
      {
        projectId: 'p1',
        candidateIds: ['good', 'no-blue'],
        iou: 0.5,
        cuts: { good: cut(0.3), 'no-blue': cut(0.3) },
      },
    ])
    // The candidate that finds every object leads, and is where the gallery opens.
    expect(lab.leaderId).toBe('good')
    expect(lab.rows[0]?.best.has('f1')).toBe(true)
    expect(lab.classes).toEqual(['red', 'blue'])
    expect(lab.shownClass).toBe('red')
    expect(lab.gallery.shownCandidate).toBe('good')
  })

  it('asks for no score while there is no candidate, and says when the truth set is empty', async () => {
    const { handlers } = fakeLab([], {
      'lab.truth': () => ok({ images: 0, boxes: 0, rejected: 0, classes: [] }),
    })
    const { lab, calls, ran } = createLab(handlers)
    await lab.show()
    expect(lab.truthEmpty).toBe(true)
    expect(inputsOf(calls, 'lab.score')).toEqual([])
    await lab.reviewFirst()
    expect(lab.open).toBe(false)
    expect(ran).toEqual(['next-to-review'])
  })
})

describe('saving the current prompt', () => {
  it('saves the model panel’s Grounding DINO prompt, cut at its box threshold, and scores it', async () => {
    const { handlers, saved } = fakeLab()
    const { lab, models, calls } = createLab(handlers)
    await lab.show()
    models.groundingDino.classesText = 'red, blue'
    models.groundingDino.boxThreshold = 0.3
    expect(lab.drafts.suggested).toBe('Grounding DINO: red, blue')
    await lab.drafts.save()
    expect(inputsOf(calls, 'lab.saveCandidate')).toEqual([
      {
        projectId: 'p1',
        name: 'Grounding DINO: red, blue',
        model: {
          kind: 'grounding-dino',
          classes: ['red', 'blue'],
          boxThreshold: 0.3,
          textThreshold: 0.25,
          classAgnosticNms: false,
        },
        cut: cut(0.3),
      },
    ])
    const id = saved()[0]!.id
    expect(lab.chosen).toEqual([id])
    expect(inputsOf(calls, 'lab.score').at(-1)?.candidateIds).toEqual([id])
    // The same prompt again is not a second candidate.
    expect(lab.drafts.blocker).toBe(
      'This prompt is already the candidate “Grounding DINO: red, blue”.',
    )
  })

  it('saves OwlV2 references by their key in the project, under the name typed', async () => {
    const { handlers } = fakeLab()
    const { lab, models, calls } = createLab(handlers)
    await lab.show()
    models.owlv2.addWithBoxes(
      {
        id: 'i1',
        name: 'ref.png',
        path: '/images/photos/ref.png',
        width: 400,
        height: 300,
        url: '',
      },
      'ref.png',
      [{ box: { x: 1, y: 2, width: 30, height: 40 }, className: 'red', negative: false }],
    )
    lab.drafts.kind = 'owlv2'
    lab.drafts.name = '  one red example '
    await lab.drafts.save()
    const [input] = inputsOf(calls, 'lab.saveCandidate')
    expect(input?.name).toBe('one red example')
    expect(input?.cut).toEqual(cut(0.99))
    expect(input?.model).toMatchObject({
      kind: 'owlv2',
      references: [{ key: 'ref.png', boxes: [{ className: 'red' }] }],
    })
    expect(lab.drafts.name).toBe('')
  })

  it('renames and deletes candidates', async () => {
    const { handlers } = fakeLab([GOOD_CANDIDATE, NO_BLUE_CANDIDATE])
    const { lab } = createLab(handlers)
    await lab.show()
    lab.drafts.startRename(GOOD_CANDIDATE)
    lab.drafts.renameText = 'all shapes'
    await lab.drafts.rename()
    expect(lab.candidates.map((c) => c.name)).toEqual(['all shapes', 'no-blue'])
    await lab.drafts.remove('no-blue')
    expect(lab.candidates.map((c) => c.id)).toEqual(['good'])
    expect(lab.chosen).toEqual(['good'])
  })
})

describe('running the candidates', () => {
  it('runs the ticked candidates, follows the progress and scores again when the run ends', async () => {
    const { handlers } = fakeLab([GOOD_CANDIDATE, NO_BLUE_CANDIDATE], {
      'lab.run': () => ok({ jobId: 'lab-1' }),
    })
    const { lab, calls, emit } = createLab(handlers)
    await lab.show()
    lab.toggleChosen('no-blue', false)
    await lab.run.start(lab.chosen)
    expect(inputsOf(calls, 'lab.run')).toEqual([
      { projectId: 'p1', candidateIds: ['good'], profileId: 'local' },
    ])
    emit('lab.progress', progressEvent())
    expect(lab.run.progress?.cached).toBe(2)
    expect(lab.run.running).toBe(true)
    // Another project's run is not this one.
    emit('lab.progress', progressEvent({ jobId: 'other', projectId: 'p2', done: 1 }))
    expect(lab.run.progress?.done).toBe(3)
    const failure = { candidateId: 'good', key: 'b.png', message: 'The server did not answer.' }
    emit('lab.finished', finishedEvent({ failed: 1, failures: [failure] }))
    expect(lab.run.running).toBe(false)
    expect(lab.run.finished?.failures).toEqual([failure])
    await vi.waitFor(() => expect(inputsOf(calls, 'lab.score')).toHaveLength(2))
  })

  it('takes an end that arrives before main answered the run (everything came from the cache)', async () => {
    let emitNow: (() => void) | null = null
    const { handlers } = fakeLab([GOOD_CANDIDATE], {
      'lab.run': () => {
        emitNow?.()
        return ok({ jobId: 'lab-1' })
      },
    })
    const { lab, emit } = createLab(handlers)
    emitNow = () => emit('lab.finished', finishedEvent({ cached: 4 }))
    await lab.show()
    await lab.run.start(['good'])
    expect(lab.run.running).toBe(false)
    expect(lab.run.finished?.cached).toBe(4)
  })
})

describe('moving a cut', () => {
  it('asks for the numbers once the slider rests, at the cuts it was left at', async () => {
    const { handlers } = fakeLab([GOOD_CANDIDATE, NO_BLUE_CANDIDATE])
    const { lab, calls } = createLab(handlers)
    await lab.show()
    vi.useFakeTimers()
    for (const value of [0.35, 0.4, 0.45]) lab.cuts.setGlobal('good', value)
    lab.cuts.setClass('no-blue', 'red', 0.6)
    // Still moving: nothing asked yet.
    vi.advanceTimersByTime(SCORE_DELAY_MS - 1)
    expect(inputsOf(calls, 'lab.score')).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    const asked = inputsOf(calls, 'lab.score')
    expect(asked).toHaveLength(2)
    expect(asked[1]?.cuts).toEqual({ good: cut(0.45), 'no-blue': cut(0.3, { red: 0.6 }) })
    lab.cuts.setClass('no-blue', 'red', null)
    lab.cuts.setIou(0.75)
    await vi.advanceTimersByTimeAsync(SCORE_DELAY_MS)
    expect(inputsOf(calls, 'lab.score').at(-1)).toMatchObject({
      iou: 0.75,
      cuts: { 'no-blue': cut(0.3) },
    })
    // A cut put back is the saved one.
    lab.cuts.reset('good')
    expect(lab.cutOf('good')).toEqual(cut(0.3))
  })

  it('shows only the newest answer when an older one comes back late', async () => {
    const answers: ((value: unknown) => void)[] = []
    const { handlers } = fakeLab([GOOD_CANDIDATE])
    const score = handlers['lab.score']!
    const { lab } = createLab({
      ...handlers,
      'lab.score': (input) =>
        new Promise((resolve) => answers.push(() => resolve(score(input) as never))),
    })
    const opening = lab.show()
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    lab.cuts.setIou(0.8)
    const newer = lab.rescore()
    answers[1]?.(null)
    await newer
    answers[0]?.(null)
    await opening
    expect(lab.score?.iou).toBe(0.8)
  })
})

describe('the gallery and the comparison on the canvas', () => {
  it('opens a miss on the canvas with the candidate’s boxes at its cut, on that image only', async () => {
    const detections = {
      candidateId: 'no-blue',
      key: 'a.png',
      detections: [
        { className: 'red', box: { x: 0, y: 0, width: 10, height: 10 }, confidence: 0.9 },
      ],
      leftOut: null,
    }
    const { handlers } = fakeLab([GOOD_CANDIDATE, NO_BLUE_CANDIDATE], {
      'lab.detections': () => ok(detections),
    })
    const { lab, calls, visited, links } = createLab(handlers)
    await lab.show()
    lab.gallery.select('no-blue')
    expect(lab.gallery.items.map((i) => i.id)).toEqual(['miss:a.png:blue:1'])
    // Its picture comes from opening the image by its path in the project.
    await vi.waitFor(() => expect(lab.gallery.thumbs['a.png']?.url).toBe('app-image://a.png'))
    expect(inputsOf(calls, 'image.open')).toEqual([{ path: `${PROJECT.imagesDir}/a.png` }])
    lab.cuts.setGlobal('no-blue', 0.5)
    await lab.gallery.compare(lab.gallery.items[0]!)
    expect(lab.open).toBe(false)
    expect(visited).toEqual(['a.png'])
    expect(inputsOf(calls, 'lab.detections')).toEqual([
      { projectId: 'p1', candidateId: 'no-blue', key: 'a.png', cut: cut(0.5) },
    ])
    expect(lab.gallery.overlay).toEqual([
      {
        id: 'lab:0',
        className: 'red',
        confidence: 0.9,
        box: { x: 0, y: 0, width: 10, height: 10 },
        color: '#ff0000',
        label: 'lab red 0.90',
      },
    ])
    await links.goTo('b.png')
    expect(lab.gallery.overlay).toEqual([])
    await lab.gallery.back()
    expect(lab.open).toBe(true)
    expect(lab.gallery.comparison).toBeNull()
  })

  it('lists false positives with their reason', async () => {
    const { handlers } = fakeLab([NO_BLUE_CANDIDATE])
    const { lab } = createLab(handlers)
    await lab.show()
    lab.gallery.setKind('false-positives')
    expect(lab.gallery.items.map((i) => [i.imageKey, i.reason])).toEqual([
      ['b.png', 'rejected-again'],
    ])
  })
})

describe('Use this', () => {
  it('sets the editor and the review’s per-class cuts at each class’s best F1, then runs the folder', async () => {
    const { handlers } = fakeLab([GOOD_CANDIDATE, NO_BLUE_CANDIDATE])
    const { lab, models, review, ran } = createLab(handlers)
    await lab.show()
    models.select('moondream2')
    review.perClass = { green: 0.5 }
    lab.apply.ask('good')
    // Best F1: red at 0.7 (both reds found), blue at 0.8 (its one box).
    expect(lab.apply.cut).toEqual(cut(0.3, { red: 0.7, blue: 0.8 }))
    await lab.apply.confirm()
    expect(models.kind).toBe('grounding-dino')
    expect(models.groundingDino.classesText).toBe('red, blue')
    expect(models.groundingDino.boxThreshold).toBe(0.7)
    expect(review.perClass).toEqual({ green: 0.5, red: 0.7, blue: 0.8 })
    expect(lab.apply.applied?.lines).toContain('Review cuts: red 0.700, blue 0.800')
    await lab.apply.runFolder()
    expect(ran).toEqual(['folder'])
    expect(lab.open).toBe(false)
  })

  it('sets the sliders’ cut when asked to', async () => {
    const { handlers } = fakeLab([GOOD_CANDIDATE])
    const { lab, models, review } = createLab(handlers)
    await lab.show()
    lab.cuts.setGlobal('good', 0.5)
    lab.apply.ask('good')
    lab.apply.choice = 'sliders'
    await lab.apply.confirm()
    expect(models.groundingDino.boxThreshold).toBe(0.5)
    expect(review.perClass).toEqual({ red: 0.5, blue: 0.5 })
  })

  it('opens an OwlV2 candidate’s reference images through the exemplar set', async () => {
    const boxes = [
      { box: { x: 1, y: 2, width: 30, height: 40 }, className: 'red', negative: false },
    ]
    const owl = {
      ...candidate('owl', {
        kind: 'owlv2',
        confidence: 0.99,
        versionId: 'owlv2-large-patch14-ensemble',
        references: [
          { key: 'ref.png', boxes },
          { path: '/elsewhere/other.png', boxes },
        ],
      }),
      cut: cut(0.995),
    }
    const { handlers } = fakeLab([owl])
    const { lab, models, calls } = createLab(handlers)
    const opened: string[] = []
    models.owlv2.connect(
      {
        openImage: async (path) => {
          opened.push(path)
          return path.includes('other')
            ? null
            : { id: 'r1', name: 'ref.png', path, width: 400, height: 300, url: '' }
        },
        folder: () => ({ projectId: 'p1', imagesDir: PROJECT.imagesDir }),
        persist: () => {},
      },
      () => null,
    )
    await lab.show()
    lab.apply.ask('owl')
    lab.apply.choice = 'sliders'
    await lab.apply.confirm()
    expect(opened).toEqual(['/images/photos/ref.png', '/elsewhere/other.png'])
    expect(models.kind).toBe('owlv2')
    expect(models.owlv2.references.map((r) => [r.key, r.boxes.length])).toEqual([['ref.png', 1]])
    expect(models.owlv2.confidence).toBe(0.995)
    expect(lab.apply.applied?.missing).toEqual(['/elsewhere/other.png'])
    expect(inputsOf(calls, 'lab.score')).toHaveLength(1)
  })
})
