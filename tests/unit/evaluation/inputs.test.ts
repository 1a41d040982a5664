import { describe, expect, it } from 'vitest'
import { evaluate, type EvalImage } from '../../../src/shared/evaluation'
import { AppError } from '../../../src/shared/errors'
import { box, detected, image, kept } from './helpers'

/** The AppError evaluate throws, so a test can read its code and words. */
function failure(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected evaluate to reject its input')
}

const one = image('a', { truth: [kept('cat', box(0, 0, 10, 10))] })

describe('options', () => {
  it('fill in COCO defaults: IoU 0.5, maxDets 100, cut 0 for every class', () => {
    expect(evaluate([one], ['cat', 'dog']).options).toEqual({
      iou: 0.5,
      maxDets: 100,
      thresholds: { cat: 0, dog: 0 },
    })
  })

  it('read per-class thresholds from own keys only', () => {
    // A class named like an Object.prototype member must not pick up that member.
    const report = evaluate([one], ['constructor'], { thresholds: {} })
    expect(report.options.thresholds).toEqual({ constructor: 0 })
  })

  it.each([
    [{ iou: 0 }, 'The matching IoU must be above 0 and at most 1; it was 0.'],
    [{ iou: 1.5 }, 'The matching IoU must be above 0 and at most 1; it was 1.5.'],
    [{ maxDets: 0 }, 'at least 1; it was 0.'],
    [{ maxDets: 2.5 }, 'a whole number'],
    [
      { thresholds: { cat: Number.NaN } },
      'The score threshold of the class "cat" is not a number.',
    ],
  ])('reject %o with a message in words', (options, words) => {
    const error = failure(() => evaluate([one], ['cat'], options))
    expect(error.code).toBe('invalid-input')
    expect(error.message).toContain(words)
  })
})

describe('inputs', () => {
  it.each<[string, EvalImage[], string[], string]>([
    ['a class listed twice', [one], ['cat', 'cat'], 'The class "cat" is listed twice'],
    ['an empty class name', [one], [''], 'A class to evaluate has an empty name.'],
    ['an image key used twice', [one, one], ['cat'], 'The image "a" appears twice'],
    [
      'a negative width',
      [image('a', { truth: [kept('cat', box(0, 0, -1, 10))] })],
      ['cat'],
      'The kept box 1 of image "a" has a width or height that is negative or not a number.',
    ],
    [
      'a confidence that is not a number',
      [image('a', { detections: [detected('cat', box(0, 0, 1, 1), Number.NaN)] })],
      ['cat'],
      'The detected box 1 of image "a" has no valid confidence.',
    ],
  ])('rejects %s', (_, images, classes, words) => {
    const error = failure(() => evaluate(images, classes))
    expect(error.code).toBe('invalid-input')
    expect(error.message).toContain(words)
  })

  it('names classes it was not asked to score and leaves their boxes out', () => {
    const a = image('a', {
      truth: [kept('cat', box(0, 0, 10, 10)), kept('Cat', box(0, 0, 10, 10))],
      detections: [detected('dog', box(0, 0, 10, 10), 0.9)],
    })
    const report = evaluate([a], ['cat'])
    expect(report.ignoredClasses).toEqual(['Cat', 'dog'])
    expect(report.overall).toMatchObject({ truth: 1, fp: 0 })
  })

  it('gives a report that survives JSON unchanged (it crosses IPC and the CLI prints it)', () => {
    const a = image('a', {
      truth: [kept('cat', box(0, 0, 10, 10))],
      detections: [
        detected('cat', box(0, 0, 10, 10), 0.9),
        detected('cat', box(50, 0, 5, 5), 0.4, 'x'),
      ],
    })
    const report = evaluate([a], ['cat', 'dog'])
    expect(JSON.parse(JSON.stringify(report))).toEqual(report)
  })

  it('scores an empty truth set without failing', () => {
    const report = evaluate([], ['cat'])
    expect(report.images).toBe(0)
    expect(report.overall).toMatchObject({ truth: 0, detections: 0, precision: null, recall: null })
  })
})
