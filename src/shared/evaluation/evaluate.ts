import { accumulateClass, rankByScore } from './coco-ap'
import {
  emptyTally,
  Scratch,
  scoreImageClass,
  type ClassTally,
  type GalleryLists,
  type ImageClassBoxes,
} from './score-image'
import { bestF1, countMetrics, thresholdCurve } from './threshold-metrics'
import type {
  ClassReport,
  EvalImage,
  EvalOptions,
  EvalReport,
  LabeledBox,
  OverallReport,
} from './types'
import { checkInputs, resolveOptions } from './validate'

/**
 * Scores one candidate's detections against the labeler's truth, per class of `classes` and
 * overall: COCO AP50 and AP50:95 (coco-ap.ts), and at each class's score cut and the matching IoU
 * the counts, rates with 95% Wilson intervals, curves, gallery lists and rejected-again count.
 * Boxes of classes not in `classes` are not scored (named in `ignoredClasses`). Pure; throws an
 * AppError 'invalid-input' with a plain message on bad input.
 */
export function evaluate(
  images: readonly EvalImage[],
  classes: readonly string[],
  options: EvalOptions = {},
): EvalReport {
  checkInputs(images, classes)
  const resolved = resolveOptions(options, classes)
  const classIndex = new Map(classes.map((className, k) => [className, k]))
  const tallies = classes.map(emptyTally)
  const lists: GalleryLists = { truePositives: [], falsePositives: [], misses: [] }
  const ignored = new Set<string>()
  const scratch = new Scratch()
  const groups: ImageClassBoxes[] = classes.map(() => ({ truth: [], detections: [], rejected: [] }))
  const touched = new Uint8Array(classes.length)

  const sort = (boxes: readonly LabeledBox[], into: keyof ImageClassBoxes): void => {
    for (let i = 0; i < boxes.length; i++) {
      const className = boxes[i]!.className
      const k = classIndex.get(className)
      if (k === undefined) {
        ignored.add(className)
        continue
      }
      groups[k]![into].push(i)
      touched[k] = 1
    }
  }

  for (const image of images) {
    sort(image.truth, 'truth')
    sort(image.detections, 'detections')
    sort(image.rejected, 'rejected')
    for (let k = 0; k < classes.length; k++) {
      if (touched[k] === 0) continue
      const className = classes[k]!
      const group = groups[k]!
      const threshold = resolved.thresholds[className]!
      scoreImageClass(image, className, group, threshold, resolved, tallies[k]!, lists, scratch)
      group.truth.length = group.detections.length = group.rejected.length = 0
      touched[k] = 0
    }
  }

  const classReports = classes.map((className, k) =>
    classReport(className, resolved.thresholds[className]!, tallies[k]!),
  )
  return {
    options: resolved,
    images: images.length,
    classes: classReports,
    overall: overallReport(classReports),
    ...lists,
    ignoredClasses: [...ignored].sort(),
  }
}

function classReport(className: string, threshold: number, tally: ClassTally): ClassReport {
  const order = rankByScore(tally.scores)
  const ap = accumulateClass(tally.scores, tally.cocoMasks, order, tally.truth)
  const curve = thresholdCurve(tally.scores, tally.matched, order, tally.truth)
  return {
    className,
    threshold,
    ...countMetrics(tally),
    ap50: ap?.ap50 ?? null,
    ap50to95: ap?.ap50to95 ?? null,
    apByIou: ap?.apByIou ?? null,
    prCurve: ap?.curve ?? null,
    thresholdCurve: curve,
    bestF1: bestF1(curve),
  }
}

/** Micro sums of the counts; AP the mean over classes with truth (COCO's summarize). */
function overallReport(classes: readonly ClassReport[]): OverallReport {
  const sum = (pick: (c: ClassReport) => number): number =>
    classes.reduce((total, c) => total + pick(c), 0)
  const scored = classes.filter((c) => c.ap50 !== null)
  const mean = (pick: (c: ClassReport) => number): number | null =>
    scored.length === 0 ? null : scored.reduce((total, c) => total + pick(c), 0) / scored.length
  return {
    ...countMetrics({
      truth: sum((c) => c.truth),
      tp: sum((c) => c.tp),
      fp: sum((c) => c.fp),
      rejected: sum((c) => c.rejected),
      rejectedAgain: sum((c) => c.rejectedAgain),
    }),
    ap50: mean((c) => c.ap50!),
    ap50to95: mean((c) => c.ap50to95!),
    classesWithTruth: scored.length,
  }
}
