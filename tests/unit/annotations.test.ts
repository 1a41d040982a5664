import { describe, expect, it } from 'vitest'
import {
  emptyAnnotations,
  mergeSuggestions,
  type AnnotationBox,
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
