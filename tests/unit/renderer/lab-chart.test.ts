import { describe, expect, it } from 'vitest'
import type { ThresholdPoint } from '../../../src/shared/evaluation'
import {
  chartScales,
  f1AtCut,
  f1Line,
  lineStyle,
  linearScale,
  markerPath,
  markerPoints,
  maxRecall,
  plotFrame,
  polylinePoints,
  prLine,
  ticks,
} from '../../../src/renderer/src/core/lab-chart'
import { classCharts } from '../../../src/renderer/src/core/lab-series'
import { GOOD, NO_BLUE, at, candidate, gdModel, labScore, reportOf, scored } from './lab-fixtures'

const cut = (global: number, perClass: Record<string, number> = {}) => ({ global, perClass })

/** A threshold point with only what the F1 chart reads. */
const tp = (threshold: number, f1: number | null): ThresholdPoint => ({
  threshold,
  f1,
  detections: 0,
  tp: 0,
  fp: 0,
  precision: 0,
  recall: null,
})

describe('scales and polylines', () => {
  it('maps a data interval onto pixels, forwards and backwards', () => {
    const x = linearScale([0, 1], [30, 230])
    expect([x(0), x(0.5), x(1)]).toEqual([30, 130, 230])
    // Screen y grows downwards: 0 at the bottom (200), 1 at the top (10).
    const y = linearScale([0, 1], [200, 10])
    expect([y(0), y(0.25), y(1)]).toEqual([200, 152.5, 10])
    expect(linearScale([0.5, 0.5], [0, 100])(0.7)).toBe(0)
  })

  it('puts the plot inside its margins and writes points to a tenth of a pixel', () => {
    const frame = plotFrame(240, 180)
    expect(frame).toMatchObject({ left: 34, top: 10, right: 230, bottom: 152 })
    const { x, y } = chartScales(frame)
    // (0,0) is the bottom-left corner, (1,1) the top-right, (1/3, 1/3) a third of the way.
    expect(
      polylinePoints(
        [
          { x: 0, y: 0 },
          { x: 1 / 3, y: 1 / 3 },
          { x: 1, y: 1 },
        ],
        x,
        y,
      ),
    ).toBe('34,152 99.3,104.7 230,10')
  })

  it('spaces ticks evenly, with more decimals on a zoomed axis', () => {
    expect(ticks([0, 1])).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(ticks([0.99, 1])).toEqual([0.99, 0.9925, 0.995, 0.9975, 1])
  })
})

describe('the precision-recall line', () => {
  it('draws COCO’s interpolated points, recall across and precision up', () => {
    const curve = {
      interpolated: [
        { recall: 0, precision: 1 },
        { recall: 0.5, precision: 1 },
        { recall: 1, precision: 0 },
      ],
      raw: [
        { score: 0.9, tp: 1, fp: 0, recall: 0.5, precision: 1 },
        { score: 0.4, tp: 1, fp: 1, recall: 0.5, precision: 0.5 },
      ],
    }
    // Half of the truth found at best: the curve ends at recall 0.5 (COCO's 0 past it is not drawn).
    expect(prLine(curve)).toEqual([
      { x: 0, y: 1 },
      { x: 0.5, y: 1 },
    ])
    expect(maxRecall(curve)).toBe(0.5)
    // Nothing found: no line at all, rather than one along precision 0.
    expect(
      prLine({ interpolated: curve.interpolated.map((p) => ({ ...p, precision: 0 })), raw: [] }),
    ).toEqual([])
    expect(prLine(null)).toEqual([])
    expect(maxRecall(null)).toBe(0)
  })
})

describe('the F1 against threshold step', () => {
  // Three distinct scores, highest first as the report lists them.
  const curve = [tp(0.9, 0.5), tp(0.6, 0.8), tp(0.3, 0.6)]

  it('holds each F1 from the score below up to its own score', () => {
    // A cut in (0.3, 0.6] keeps the 0.9 and 0.6 boxes, so F1 is 0.8 there; at or below 0.3 it is 0.6.
    expect(f1Line(curve)).toEqual([
      { x: 0, y: 0.6 },
      { x: 0.3, y: 0.6 },
      { x: 0.3, y: 0.8 },
      { x: 0.6, y: 0.8 },
      { x: 0.6, y: 0.5 },
      { x: 0.9, y: 0.5 },
    ])
  })

  it('draws only the part inside a zoomed domain', () => {
    // From 0.5 on, the 0.3 step lies left of the axis: the line starts at the 0.6 step.
    expect(f1Line(curve, [0.5, 1])).toEqual([
      { x: 0.5, y: 0.8 },
      { x: 0.6, y: 0.8 },
      { x: 0.6, y: 0.5 },
      { x: 0.9, y: 0.5 },
    ])
  })

  it('skips points without an F1 and reads the F1 at a cut', () => {
    expect(f1Line([tp(0.5, null)])).toEqual([])
    expect(f1AtCut(curve, 0.45)).toBe(0.8)
    expect(f1AtCut(curve, 0.6)).toBe(0.8)
    expect(f1AtCut(curve, 0)).toBe(0.6)
    // Above every score nothing is kept: F1 is not defined.
    expect(f1AtCut(curve, 0.95)).toBeNull()
  })
})

describe('telling candidates apart', () => {
  it('gives the first five candidates five dashes and five markers', () => {
    const styles = [0, 1, 2, 3, 4].map(lineStyle)
    expect(new Set(styles.map((s) => s.dash)).size).toBe(5)
    expect(new Set(styles.map((s) => s.marker)).size).toBe(5)
    // The sixth repeats the first dash with another marker, so it still differs from the first.
    expect(lineStyle(5).dash).toBe(lineStyle(0).dash)
    expect(lineStyle(5).marker).not.toBe(lineStyle(0).marker)
  })

  it('draws each marker around its point', () => {
    expect(markerPath('square', 10, 20, 3)).toBe('M7,17h6v6h-6Z')
    expect(markerPath('triangle', 10, 20, 3)).toBe('M10,17L13,23L7,23Z')
    expect(markerPath('cross', 10, 20, 3)).toBe('M7,17L13,23M13,17L7,23')
    expect(markerPath('circle', 10, 20, 3)).toBe('M7,20a3,3 0 1,0 6,0a3,3 0 1,0 -6,0Z')
  })

  it('puts markers every n points, shifted per candidate so they do not cover each other', () => {
    const points = Array.from({ length: 11 }, (_, i) => ({ x: i / 10, y: 1 }))
    expect(markerPoints(points, 5, 0).map((p) => p.x)).toEqual([0, 0.5, 1])
    expect(markerPoints(points, 5, 1).map((p) => p.x)).toEqual([0.3, 0.8])
  })
})

describe('classCharts', () => {
  const candidates = [
    candidate('good', gdModel(['red', 'blue'])),
    candidate('no-blue', gdModel(['red'])),
    candidate('not-run', gdModel(['red'])),
  ]
  const score = labScore([
    scored('good', reportOf(GOOD)),
    scored('no-blue', reportOf(NO_BLUE)),
    scored('not-run', reportOf([]), { scored: 0, missing: 2, leftOut: [], policy: 'none' }),
  ])

  it('draws one line per candidate that was run, in its own style, with its cut marked', () => {
    const charts = classCharts(candidates, score, 'blue', (id) =>
      id === 'good' ? cut(0.3, { blue: 0.85 }) : cut(0.3),
    )
    expect(charts.pr.map((s) => [s.candidateId, s.index])).toEqual([
      ['good', 0],
      ['no-blue', 1],
    ])
    // Good finds its one blue box: AP 1 (less COCO's 2.2e-16 guard), recall 1. "No blue" finds
    // none: its curve stays at 0.
    const [goodPr, noBluePr] = charts.pr
    expect(goodPr?.data['data-ap50']).toBeCloseTo(1, 12)
    expect(goodPr?.data['data-max-recall']).toBe(1)
    expect(noBluePr?.data).toMatchObject({ 'data-ap50': 0, 'data-max-recall': 0 })
    expect(noBluePr?.points.every((p) => p.y === 0)).toBe(true)
    // The blue box scores 0.8: at a cut of 0.85 nothing is kept, so F1 is undefined there.
    const [good] = charts.f1
    expect(good?.best).toEqual({ x: 0.8, y: 1 })
    expect(good?.current).toBeNull()
    expect(charts.cutLines).toEqual([
      { index: 0, x: 0.85 },
      { index: 1, x: 0.3 },
    ])
  })

  it('marks where the cut puts precision and recall, and F1 at the cut', () => {
    const charts = classCharts(candidates, score, 'red', () => cut(0.8))
    // At 0.8 only the 0.9 red box of each candidate is kept: 1 of 2 found, precision 1, F1 2/3.
    expect(charts.f1[0]?.current).toEqual({ x: 0.8, y: 2 / 3 })
    expect(charts.f1[0]?.best).toEqual({ x: 0.7, y: 1 })
    expect(charts.domain).toMatchObject({ min: 0, max: 1 })
  })

  it('zooms the cut axis onto high scores, unless a cut lies below them', () => {
    // OwlV2-like scores: every red box scores at least 0.995.
    const high = reportOf([
      [{ className: 'red', box: at(0, 0), confidence: 0.999 }],
      [{ className: 'red', box: at(0, 0), confidence: 0.995 }],
    ])
    const one = [candidate('owl', gdModel(['red']))]
    const zoomed = classCharts(one, labScore([scored('owl', high)]), 'red', () => cut(0.995))
    expect(zoomed.domain).toMatchObject({ min: 0.99, max: 1 })
    const full = classCharts(one, labScore([scored('owl', high)]), 'red', () => cut(0.35))
    expect(full.domain).toMatchObject({ min: 0, max: 1 })
  })
})
