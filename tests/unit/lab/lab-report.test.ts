import { describe, expect, it } from 'vitest'
import { evaluate, type EvalImage } from '../../../src/shared/evaluation'
import { LAB_CURVE_POINTS, LAB_LISTED } from '../../../src/shared/lab'
import { reportForView } from '../../../src/shared/lab-report'

const box = (x: number) => ({ x, y: 0, width: 10, height: 10 })

/** 1,200 images: one true cat each, found at a score that falls with the image, plus a stray box. */
function manyImages(): EvalImage[] {
  return Array.from({ length: 1200 }, (_, i) => ({
    key: `img${i}.png`,
    truth: [{ className: 'cat', box: box(0) }],
    rejected: [],
    detections: [
      // Every third cat is missed (its box sits elsewhere): a miss and a false positive.
      { className: 'cat', box: box(i % 3 === 0 ? 50 : 0), confidence: 1 - i / 2000 },
      { className: 'dog', box: box(100), confidence: 0.5 },
    ],
  }))
}

describe('a score as the window gets it', () => {
  const full = evaluate(manyImages(), ['cat', 'dog'], { thresholds: 0.3 })
  const view = reportForView(full)

  it('keeps every number whole', () => {
    expect(view.overall).toEqual(full.overall)
    expect(view.classes.map((c) => [c.tp, c.fp, c.fn, c.ap50, c.ap50to95, c.bestF1])).toEqual(
      full.classes.map((c) => [c.tp, c.fp, c.fn, c.ap50, c.ap50to95, c.bestF1]),
    )
    expect(view.classes[0]?.prCurve?.interpolated).toEqual(full.classes[0]?.prCurve?.interpolated)
  })

  it('thins the raw curves for drawing, keeping their ends and the best cut', () => {
    const cat = full.classes[0]!
    const shown = view.classes[0]!
    // 1,200 distinct scores in full; about LAB_CURVE_POINTS (plus the best point) sent.
    expect(cat.thresholdCurve).toHaveLength(1200)
    expect(shown.thresholdCurve.length).toBeLessThanOrEqual(LAB_CURVE_POINTS + 1)
    expect(shown.thresholdCurve[0]).toEqual(cat.thresholdCurve[0])
    expect(shown.thresholdCurve.at(-1)).toEqual(cat.thresholdCurve.at(-1))
    expect(shown.thresholdCurve).toContainEqual(cat.bestF1)
    expect(shown.prCurve?.raw.length).toBeLessThanOrEqual(LAB_CURVE_POINTS)
    // The end of the curve (the highest recall reached) is exact.
    expect(shown.prCurve?.raw.at(-1)).toEqual(cat.prCurve?.raw.at(-1))
  })

  it('sends at most LAB_LISTED misses and false positives per class, with the full counts', () => {
    expect(full.misses).toHaveLength(400)
    expect(full.falsePositives).toHaveLength(1600)
    expect(view.listed).toEqual({ misses: 400, falsePositives: 1600 })
    expect(view.misses).toEqual(full.misses)
    const perClass = (name: string) => view.falsePositives.filter((f) => f.className === name)
    expect(perClass('cat')).toHaveLength(400)
    expect(perClass('dog')).toHaveLength(LAB_LISTED)
    expect(perClass('dog')).toEqual(
      full.falsePositives.filter((f) => f.className === 'dog').slice(0, LAB_LISTED),
    )
    expect('truePositives' in view).toBe(false)
  })
})
