import type { ClassReport, EvalReport, ThresholdPoint } from './evaluation'
import type { LabReport } from './lab'
import { LAB_CURVE_POINTS, LAB_LISTED } from './lab'

/** Every `step`-th item of a list, with its first and last, and those `keep` asks for. */
function thin<T>(items: readonly T[], most: number, keep: (item: T) => boolean = () => false): T[] {
  if (items.length <= most) return [...items]
  const step = (items.length - 1) / (most - 1)
  const picked = new Set<number>()
  for (let i = 0; i < most; i++) picked.add(Math.round(i * step))
  return items.filter((item, i) => picked.has(i) || keep(item))
}

/** The first `most` entries of each class, in list order. */
function firstOfEachClass<T extends { className: string }>(items: readonly T[], most: number): T[] {
  const taken = new Map<string, number>()
  return items.filter((item) => {
    const n = taken.get(item.className) ?? 0
    taken.set(item.className, n + 1)
    return n < most
  })
}

function thinClass(report: ClassReport): ClassReport {
  const best = report.bestF1
  const isBest = (p: ThresholdPoint): boolean => best !== null && p.threshold === best.threshold
  return {
    ...report,
    thresholdCurve: thin(report.thresholdCurve, LAB_CURVE_POINTS, isBest),
    prCurve: report.prCurve && {
      interpolated: report.prCurve.interpolated,
      raw: thin(report.prCurve.raw, LAB_CURVE_POINTS),
    },
  }
}

/**
 * A report as the window gets it: the numbers whole, the curves' raw points thinned to about
 * LAB_CURVE_POINTS for drawing (their first, last and best points kept, so the end of a curve and
 * the best cut are exact), the gallery lists cut at LAB_LISTED per class with their full counts, and the
 * list of true positives left out (nothing shows it). A score of thousands of images then stays a
 * small answer, sent again on every move of a cut.
 */
export function reportForView(report: EvalReport): LabReport {
  const { truePositives: _, misses, falsePositives, ...rest } = report
  return {
    ...rest,
    classes: report.classes.map(thinClass),
    misses: firstOfEachClass(misses, LAB_LISTED),
    falsePositives: firstOfEachClass(falsePositives, LAB_LISTED),
    listed: { misses: misses.length, falsePositives: falsePositives.length },
  }
}
