import type { PrCurve, ThresholdPoint } from '../../../shared/evaluation'

/** A point in data space: recall or threshold across, precision or F1 up. */
export interface Point {
  x: number
  y: number
}

/** One candidate's line on a chart, with the points worth marking on it. */
export interface Series {
  candidateId: string
  name: string
  /** The candidate's place in the list: its dash and marker. */
  index: number
  points: Point[]
  markers: Point[]
  /** Where its cut puts it now (drawn filled); null when not defined. */
  current: Point | null
  /** The best cut (drawn as a ring); null when none. */
  best: Point | null
  /** Data attributes (`data-*` names) for tests and screen readers. */
  data: Record<string, string | number>
}

/** The plot rectangle inside an SVG of `width` x `height`, leaving room for axes and labels. */
export interface PlotFrame {
  width: number
  height: number
  left: number
  top: number
  right: number
  bottom: number
}

export function plotFrame(
  width: number,
  height: number,
  margin = { left: 34, right: 10, top: 10, bottom: 28 },
): PlotFrame {
  return {
    width,
    height,
    left: margin.left,
    top: margin.top,
    right: width - margin.right,
    bottom: height - margin.bottom,
  }
}

/** A linear map from a data interval onto a screen interval (either may run backwards). */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain
  const [r0, r1] = range
  const span = d1 - d0
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0))
}

/** The two scales of a chart: x over [x0, x1] across the frame, y over 0..1 bottom to top. */
export function chartScales(frame: PlotFrame, xDomain: readonly [number, number] = [0, 1]) {
  return {
    x: linearScale(xDomain, [frame.left, frame.right]),
    y: linearScale([0, 1], [frame.bottom, frame.top]),
  }
}

/** SVG `points` of a polyline, to one decimal of a pixel. */
export function polylinePoints(
  points: readonly Point[],
  x: (value: number) => number,
  y: (value: number) => number,
): string {
  const r = (v: number) => Math.round(v * 10) / 10
  return points.map((p) => `${r(x(p.x))},${r(y(p.y))}`).join(' ')
}

/**
 * COCO's interpolated precision at its 101 recall points (the curve AP50 averages), up to the
 * highest recall the candidate reaches: past it COCO counts precision 0, which is what AP sums,
 * but drawn it would read as boxes found at no precision. A candidate that finds none draws none.
 */
export function prLine(curve: PrCurve | null): Point[] {
  const reached = maxRecall(curve)
  if (reached === 0) return []
  return (curve?.interpolated ?? [])
    .filter((p) => p.recall <= reached + 1e-9)
    .map((p) => ({ x: p.recall, y: p.precision }))
}

/** The highest recall the candidate reaches at any cut, the end of its curve. */
export function maxRecall(curve: PrCurve | null): number {
  return (curve?.raw ?? []).reduce((max, p) => Math.max(max, p.recall), 0)
}

/**
 * F1 against the cut as the step it is: a cut t keeps every detection scoring at least t, so F1
 * holds the value of the next score at or above t, from the score below it up to that score.
 * Only the part inside `domain` is drawn; points without an F1 (no truth) are skipped.
 */
export function f1Line(
  curve: readonly ThresholdPoint[],
  domain: readonly [number, number] = [0, 1],
): Point[] {
  const ascending = curve
    .flatMap((p) => (p.f1 === null ? [] : [{ threshold: p.threshold, f1: p.f1 }]))
    .sort((a, b) => a.threshold - b.threshold)
  const out: Point[] = []
  const push = (point: Point) => {
    const last = out.at(-1)
    if (!last || last.x !== point.x || last.y !== point.y) out.push(point)
  }
  let from = domain[0]
  for (const p of ascending) {
    if (p.threshold < domain[0] || from > domain[1]) continue
    const to = Math.min(p.threshold, domain[1])
    push({ x: from, y: p.f1 })
    push({ x: to, y: p.f1 })
    from = to
  }
  return out
}

/** F1 at a cut: that of the lowest score at or above it; null above every score (nothing kept). */
export function f1AtCut(curve: readonly ThresholdPoint[], cut: number): number | null {
  let found: ThresholdPoint | null = null
  for (const p of curve)
    if (p.threshold >= cut && (!found || p.threshold < found.threshold)) found = p
  return found?.f1 ?? null
}

/** Ticks at round steps across a domain, ends included. */
export function ticks(domain: readonly [number, number], count = 4): number[] {
  const [d0, d1] = domain
  const digits = Math.max(2, Math.ceil(-Math.log10(Math.max(d1 - d0, 1e-6))) + 2)
  const f = 10 ** digits
  return Array.from(
    { length: count + 1 },
    (_, i) => Math.round((d0 + ((d1 - d0) * i) / count) * f) / f,
  )
}

export type MarkerKind = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross'

/** How candidate n is told apart where all share the class colour: a dash and a marker shape. */
export interface LineStyle {
  dash: string
  marker: MarkerKind
}

const DASHES = ['', '7 4', '2 3', '10 3 2 3', '4 2']
const MARKERS: readonly MarkerKind[] = ['circle', 'square', 'triangle', 'diamond', 'cross']

/** The style of the candidate at `index`; past five, dashes and markers pair up differently. */
export function lineStyle(index: number): LineStyle {
  const n = DASHES.length
  const i = ((index % n) + n) % n
  const round = Math.floor(index / n)
  return { dash: DASHES[i] ?? '', marker: MARKERS[(i + round) % MARKERS.length] ?? 'circle' }
}

/** An SVG path of a marker of half-size `r` centred on (x, y). */
export function markerPath(kind: MarkerKind, x: number, y: number, r: number): string {
  const f = (v: number) => Math.round(v * 10) / 10
  switch (kind) {
    case 'circle':
      return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`
    case 'square':
      return `M${f(x - r)},${f(y - r)}h${f(2 * r)}v${f(2 * r)}h${f(-2 * r)}Z`
    case 'triangle':
      return `M${f(x)},${f(y - r)}L${f(x + r)},${f(y + r)}L${f(x - r)},${f(y + r)}Z`
    case 'diamond':
      return `M${f(x)},${f(y - r)}L${f(x + r)},${f(y)}L${f(x)},${f(y + r)}L${f(x - r)},${f(y)}Z`
    case 'cross':
      return `M${f(x - r)},${f(y - r)}L${f(x + r)},${f(y + r)}M${f(x + r)},${f(y - r)}L${f(x - r)},${f(y + r)}`
  }
}

/**
 * The points a line's markers sit on: every `every`-th, shifted by the candidate's index so that
 * markers of overlapping lines do not hide each other.
 */
export function markerPoints(points: readonly Point[], every: number, index: number): Point[] {
  const offset = (index * 3) % every
  return points.filter((_, i) => i % every === offset)
}
