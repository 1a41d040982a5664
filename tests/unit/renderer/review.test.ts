import { describe, expect, it } from 'vitest'
import type { AnnotationBox } from '../../../src/shared/annotations'
import {
  acceptAbove,
  countAbove,
  drawnBoxes,
  listedBoxes,
  mergeRun,
  nextPendingId,
  reviewCounts,
} from '../../../src/renderer/src/core/document/review'
import { confidenceHistogram, scoreDomain } from '../../../src/renderer/src/core/histogram'

const at = (x: number) => ({ x, y: 10, width: 40, height: 40 })
const box = (
  id: string,
  confidence: number | null,
  extra: Partial<AnnotationBox> = {},
): AnnotationBox => ({
  id,
  className: 'dog',
  box: at(0),
  confidence,
  source: confidence === null ? 'user' : 'model',
  state: confidence === null ? 'accepted' : 'suggested',
  ...extra,
})

describe('review', () => {
  const boxes = [
    box('low', 0.2),
    box('mid', 0.55),
    box('cat', 0.3, { className: 'cat' }),
    box('high', 0.9),
    box('gone', 0.95, { state: 'rejected' }),
    box('mine', null),
  ]
  const cut = { global: 0.5, perClass: { cat: 0.25 } }

  it('hides suggestions below their class’s cut without touching decided boxes', () => {
    expect(listedBoxes(boxes, cut).map((b) => b.id)).toEqual(['mid', 'cat', 'high', 'gone', 'mine'])
    // The canvas leaves rejected boxes out; the list keeps them to undo the decision.
    expect(drawnBoxes(boxes, cut).map((b) => b.id)).toEqual(['mid', 'cat', 'high', 'mine'])
    expect(reviewCounts(boxes, cut)).toEqual({
      pending: 4,
      hidden: 1,
      accepted: 0,
      edited: 0,
      rejected: 1,
      drawn: 1,
    })
  })

  it('accepts every suggestion at or above the cut, and nothing else', () => {
    expect(countAbove(boxes, cut)).toBe(3)
    const accepted = acceptAbove(boxes, cut)
    expect(accepted.map((b) => b.state)).toEqual([
      'suggested',
      'accepted',
      'accepted',
      'accepted',
      'rejected',
      'accepted',
    ])
    expect(acceptAbove(accepted, cut)).toBe(accepted)
  })

  it('moves on to the next visible suggestion, wrapping, skipping hidden ones', () => {
    expect(nextPendingId(boxes, null, cut)).toBe('mid')
    expect(nextPendingId(boxes, 'mid', cut)).toBe('cat')
    expect(nextPendingId(boxes, 'high', cut)).toBe('mid')
    expect(nextPendingId([box('only', 0.9)], 'only', cut)).toBeNull()
  })

  it('merges a re-run: kept boxes untouched, old suggestions replaced, duplicates (IoU >= 0.7) dropped', () => {
    const current = [box('kept', 0.6, { state: 'accepted' }), box('old', 0.4, { box: at(200) })]
    const run = { runKey: 'r2', at: '2025-01-01T00:00:00Z' }
    const merged = mergeRun(
      current,
      [
        // 36/44 overlap: IoU = (36*40)/(2*1600-1440) = 0.82, same class: already there.
        { id: 'dup', className: 'dog', box: at(4), confidence: 0.9 },
        // Same place, other class: a different object.
        { id: 'other', className: 'cat', box: at(4), confidence: 0.9 },
        // 20/60 overlap: IoU = 800/2400 = 0.33: a new box.
        { id: 'new', className: 'dog', box: at(20), confidence: 0.7 },
      ],
      { key: 'a.jpg', width: 400, height: 300 },
      run,
    )
    expect(merged.map((b) => b.id)).toEqual(['kept', 'other', 'new'])
    expect(merged[0]).toBe(current[0])
    expect(merged[2]).toMatchObject({ source: 'model', state: 'suggested', runKey: 'r2' })
  })

  it('bins a class’s scores for the histogram, pending apart from decided', () => {
    const histogram = confidenceHistogram(boxes, 'dog', 10)
    expect(histogram.total).toBe(4)
    expect(histogram.bins[2]).toMatchObject({ pending: 1, decided: 0 })
    // 0.9 waits and 0.95 was rejected: one bar, two parts.
    expect(histogram.bins[9]).toMatchObject({ pending: 1, decided: 1 })
    expect(histogram.peak).toBe(2)
    expect(confidenceHistogram([box('one', 1)], 'dog', 10).bins[9]?.pending).toBe(1)
  })
})

describe('score domain', () => {
  it('spans 0..1 for mixed scores and zooms onto the top for OwlV2-like ones', () => {
    expect(scoreDomain([0.3, 0.95])).toEqual({ min: 0, max: 1, step: 0.01, digits: 2 })
    expect(scoreDomain([0.93, 0.97])).toEqual({ min: 0.9, max: 1, step: 0.001, digits: 3 })
    expect(scoreDomain([0.9906, 0.9998])).toEqual({ min: 0.99, max: 1, step: 0.0001, digits: 4 })
    expect(scoreDomain([])).toEqual({ min: 0, max: 1, step: 0.01, digits: 2 })
  })

  it('bins scores over the zoomed span', () => {
    const domain = scoreDomain([0.9906, 0.9998])
    const h = confidenceHistogram([box('a', 0.9906), box('b', 0.9998)], 'dog', 10, domain)
    expect(h.bins[0]?.pending).toBe(1)
    expect(h.bins[9]?.pending).toBe(1)
  })
})
