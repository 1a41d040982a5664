import { describe, expect, it } from 'vitest'
import type { AnnotationBox, ReviewState } from '../../src/shared/annotations'
import { isReviewed, needsReview, reviewCountsOf, statusOf } from '../../src/shared/review-status'

const box = (state: ReviewState, source: 'model' | 'user' = 'model'): AnnotationBox => ({
  id: `${state}-${source}`,
  className: 'cat',
  box: { x: 0, y: 0, width: 5, height: 5 },
  confidence: source === 'model' ? 0.5 : null,
  source,
  state,
})

const none = { ran: false, failed: false, done: false }

describe('the one review rule', () => {
  it('counts boxes by what a person decided', () => {
    expect(
      reviewCountsOf({
        boxes: [
          box('suggested'),
          box('accepted'),
          box('edited'),
          box('rejected'),
          box('accepted', 'user'),
        ],
      }),
    ).toEqual({ pending: 1, kept: 3, rejected: 1, lowest: 0.5 })
  })

  it('calls a run that found nothing "empty", never reviewed, until someone confirms it', () => {
    const zero = { pending: 0, kept: 0, rejected: 0 }
    expect(statusOf(zero, { ...none, ran: true })).toBe('empty')
    expect(statusOf(zero, { ...none, ran: true, done: true })).toBe('reviewed')
    expect(statusOf(zero, none)).toBe('not-run')
    expect(statusOf(zero, { ...none, failed: true })).toBe('failed')
  })

  it('is reviewed once nothing waits and a person kept or rejected a box', () => {
    expect(statusOf({ pending: 0, kept: 2, rejected: 0 }, none)).toBe('reviewed')
    expect(statusOf({ pending: 0, kept: 0, rejected: 1 }, { ...none, ran: true })).toBe('reviewed')
    // A suggestion waiting outranks everything, "done" included.
    expect(statusOf({ pending: 1, kept: 2, rejected: 0 }, { ...none, done: true })).toBe(
      'suggested',
    )
  })

  it('says a document is reviewed by the same rule', () => {
    expect(isReviewed({ boxes: [], doneAt: null })).toBe(false)
    expect(isReviewed({ boxes: [], doneAt: '2026-12-03T10:00:00Z' })).toBe(true)
    expect(isReviewed({ boxes: [box('accepted')] })).toBe(true)
    expect(isReviewed({ boxes: [box('accepted'), box('suggested')], doneAt: 'x' })).toBe(false)
  })

  it('sends the labeler to images with suggestions and to unchecked empty ones', () => {
    expect(needsReview({ status: 'suggested', pending: 2 })).toBe(true)
    expect(needsReview({ status: 'empty', pending: 0 })).toBe(true)
    expect(needsReview({ status: 'reviewed', pending: 0 })).toBe(false)
    expect(needsReview({ status: 'not-run', pending: 0 })).toBe(false)
  })
})
