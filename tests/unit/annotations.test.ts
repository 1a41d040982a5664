import { describe, expect, it } from 'vitest'
import {
  emptyAnnotations,
  mergeSuggestions,
  tallyRun,
  type AnnotationBox,
  type Suggestion,
} from '../../src/shared/annotations'

const box = (over: Partial<AnnotationBox>): AnnotationBox => ({
  id: 'x',
  className: 'dog',
  box: { x: 0, y: 0, width: 100, height: 100 },
  confidence: 0.9,
  source: 'model',
  state: 'suggested',
  ...over,
})
const run = { runKey: 'gd:dog', at: '2026-11-22T00:00:00Z' }

describe('mergeSuggestions', () => {
  it('never changes a box a person drew, accepted or edited', () => {
    const current = {
      ...emptyAnnotations('a.jpg', 500, 500),
      boxes: [
        box({
          id: 'u',
          source: 'user',
          state: 'accepted',
          confidence: null,
          box: { x: 300, y: 300, width: 50, height: 50 },
        }),
        box({ id: 'acc', state: 'accepted' }),
        box({ id: 'ed', state: 'edited', box: { x: 200, y: 0, width: 40, height: 40 } }),
      ],
    }
    const merged = mergeSuggestions(current, [], run)
    expect(merged.boxes).toEqual(current.boxes)
    expect(merged.lastRun).toEqual(run)
  })

  it('replaces earlier pending suggestions with the new run', () => {
    const current = { ...emptyAnnotations('a.jpg', 500, 500), boxes: [box({ id: 'old' })] }
    const merged = mergeSuggestions(
      current,
      [{ id: 'new', className: 'cat', box: { x: 5, y: 5, width: 9, height: 9 }, confidence: 0.5 }],
      run,
    )
    expect(merged.boxes.map((b) => b.id)).toEqual(['new'])
    expect(merged.boxes[0]).toMatchObject({ source: 'model', state: 'suggested', runKey: 'gd:dog' })
  })

  it('does not add a suggestion that duplicates an accepted box of the same class', () => {
    const current = {
      ...emptyAnnotations('a.jpg', 500, 500),
      boxes: [box({ id: 'acc', state: 'accepted' })],
    }
    // Shifted by 5 px: IoU = 95*100 / (2*10000 - 9500) = 0.905, above 0.7 -> a duplicate.
    const near = {
      id: 'n',
      className: 'dog',
      box: { x: 5, y: 0, width: 100, height: 100 },
      confidence: 0.8,
    }
    // Same place but another class: not a duplicate.
    const other = {
      id: 'o',
      className: 'cat',
      box: { x: 5, y: 0, width: 100, height: 100 },
      confidence: 0.8,
    }
    const merged = mergeSuggestions(current, [near, other], run)
    expect(merged.boxes.map((b) => b.id)).toEqual(['acc', 'o'])
  })

  it('keeps rejected boxes and does not suggest the same false positive again', () => {
    const current = {
      ...emptyAnnotations('a.jpg', 500, 500),
      boxes: [box({ id: 'rej', state: 'rejected' })],
    }
    const again = {
      id: 'again',
      className: 'dog',
      box: { x: 0, y: 0, width: 100, height: 100 },
      confidence: 0.95,
    }
    const merged = mergeSuggestions(current, [again], run)
    expect(merged.boxes.map((b) => [b.id, b.state])).toEqual([['rej', 'rejected']])
  })
})

describe('tallyRun', () => {
  const found = (id: string, x: number, className = 'dog'): Suggestion => ({
    id,
    className,
    box: { x, y: 0, width: 100, height: 100 },
    confidence: 0.9,
  })

  it('counts a re-run that only finds a kept box as already kept, and merges nothing new', () => {
    const current = {
      ...emptyAnnotations('a.jpg', 500, 500),
      boxes: [box({ id: 'acc', state: 'accepted' })],
    }
    // The same place as the accepted box: IoU 1, a duplicate, so the list gains nothing.
    const again = [found('again', 0)]
    expect(tallyRun(current.boxes, again)).toEqual({
      found: 1,
      fresh: 0,
      alreadyKept: 1,
      rejected: 0,
    })
    expect(mergeSuggestions(current, again, run).boxes.map((b) => b.id)).toEqual(['acc'])
  })

  it('tells new boxes from repeats of kept and of rejected ones, as the merge does', () => {
    const current = {
      ...emptyAnnotations('a.jpg', 500, 500),
      boxes: [
        box({ id: 'drawn', source: 'user', state: 'accepted', confidence: null }),
        box({ id: 'ed', state: 'edited', box: { x: 200, y: 0, width: 100, height: 100 } }),
        box({ id: 'rej', state: 'rejected', box: { x: 400, y: 0, width: 100, height: 100 } }),
        // A pending suggestion is replaced by the run, so finding it again is new.
        box({ id: 'old', box: { x: 0, y: 300, width: 100, height: 100 } }),
      ],
    }
    const suggestions = [
      // Shifted 5 px from the drawn box: IoU 95*100 / (2*10000 - 9500) = 0.905 >= 0.7.
      found('s1', 5),
      found('s2', 200),
      found('s3', 400),
      { ...found('s4', 0), box: { x: 0, y: 300, width: 100, height: 100 } },
      // On the drawn box but another class: not a repeat.
      found('s5', 0, 'cat'),
      // Shifted 40 px from the edited box: IoU 60*100 / (2*10000 - 6000) = 0.43 < 0.7, new.
      found('s6', 240),
    ]
    const tally = tallyRun(current.boxes, suggestions)
    expect(tally).toEqual({ found: 6, fresh: 3, alreadyKept: 2, rejected: 1 })
    const merged = mergeSuggestions(current, suggestions, run)
    const shown = merged.boxes.filter((b) => b.state === 'suggested').map((b) => b.id)
    expect(shown).toEqual(['s4', 's5', 's6'])
    expect(shown).toHaveLength(tally.fresh)
  })

  it('counts a box that repeats both a kept and a rejected box as already kept', () => {
    const boxes = [box({ id: 'rej', state: 'rejected' }), box({ id: 'acc', state: 'accepted' })]
    expect(tallyRun(boxes, [found('s', 0)])).toMatchObject({ alreadyKept: 1, rejected: 0 })
  })
})
