import type { LabCut, LabImageDetections, LabModel } from '../../../shared/lab'
import type { CachedAnswer } from './answer-cache'
import type { CandidatePlans } from './lab-score'
import { isListedLeftOut } from './leave-one-out'

export interface ImageDetectionsInput {
  candidate: { id: string; model: LabModel }
  cut: LabCut
  key: string
  /** Whether the image is in the truth set (reviewed). */
  inTruth: boolean
  /** Its content hash as it is now; null when unknown (never run, or changed since). */
  sha: string | null
  plans: CandidatePlans | null
  answer(key: string): CachedAnswer | undefined
}

const NOT_RUN =
  'This candidate has no answer for this image yet (or the image changed since): run the lab.'
const NOT_TRUTH = 'This image is not reviewed, so it is not in the truth set and not scored.'

/**
 * One candidate's cached boxes on one image at a cut, for the canvas: those at or above their class's
 * cut, without the classes the image is not scored for. `leftOut` says why the image is not scored
 * (or not for every class); null when it is scored in full.
 */
export function imageDetections(input: ImageDetectionsInput): LabImageDetections {
  const answerOf = { candidateId: input.candidate.id, key: input.key }
  const planned = input.sha === null || input.plans === null ? null : input.plans.plan(input.sha)
  if (planned?.plan.kind === 'left-out') {
    return { ...answerOf, detections: [], leftOut: planned.plan.reason }
  }
  const answer = planned?.key == null ? undefined : input.answer(planned.key)
  if (planned === null || answer === undefined) {
    return { ...answerOf, detections: [], leftOut: input.inTruth ? NOT_RUN : NOT_TRUTH }
  }
  const without = new Set(planned.plan.kind === 'scored' ? planned.plan.without : [])
  const { perClass, global } = input.cut
  const detections = answer.detections
    .filter((d) => !without.has(d.className))
    .filter(
      (d) =>
        d.confidence >=
        (Object.hasOwn(perClass, d.className) ? (perClass[d.className] as number) : global),
    )
    .map((d) => ({ className: d.className, box: d.box, confidence: d.confidence }))
  const leftOut = !input.inTruth
    ? NOT_TRUTH
    : isListedLeftOut(planned.plan)
      ? planned.plan.reason
      : null
  return { ...answerOf, detections, leftOut }
}
