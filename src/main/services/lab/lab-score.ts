import { evaluate, type EvalImage, type LabeledBox } from '../../../shared/evaluation'
import type { LabCandidateScore, LabCut, LabModel } from '../../../shared/lab'
import type { CachedAnswer } from './answer-cache'
import {
  answerKey,
  candidateClasses,
  cutThresholds,
  requestKey,
  type KeyedReference,
  type UploadSettings,
} from './lab-request'
import { isListedLeftOut, planImage, referencePolicy, type ImagePlan } from './leave-one-out'
import type { TruthImage } from './truth'
import { reportForView } from '../../../shared/lab-report'

/** The plan and cache key of each image for one candidate, the full exemplar set's worked out once. */
export class CandidatePlans<R extends KeyedReference = KeyedReference> {
  readonly #model: LabModel
  readonly #references: readonly R[]
  readonly #shas: ReadonlySet<string>
  readonly #upload: UploadSettings
  readonly #full: ImagePlan<R>
  readonly #fullKey: string

  constructor(model: LabModel, references: readonly R[], upload: UploadSettings) {
    this.#model = model
    this.#references = references
    this.#shas = new Set(references.map((r) => r.sha))
    this.#upload = upload
    this.#full = { kind: 'scored', references, without: [], reason: null }
    this.#fullKey = requestKey(model, references, upload)
  }

  /** How the image with this content is asked, and the key of its answer (null: not asked). */
  plan(imageSha: string): { plan: ImagePlan<R>; key: string | null } {
    if (!this.#shas.has(imageSha))
      return { plan: this.#full, key: answerKey(imageSha, this.#fullKey) }
    const plan = planImage(imageSha, this.#references)
    if (plan.kind === 'left-out') return { plan, key: null }
    return {
      plan,
      key: answerKey(imageSha, requestKey(this.#model, plan.references, this.#upload)),
    }
  }
}

/** Everything one candidate's score is computed from; gathered by the service, no I/O here. */
export interface ScoreInput {
  candidateId: string
  model: LabModel
  cut: LabCut
  iou: number
  truth: readonly TruthImage[]
  /** The truth set's classes (TruthSummary order): each is scored, asked for or not. */
  truthClasses: readonly string[]
  /** Content hash of a truth image as it is now; null when unknown (never run, or changed since). */
  shaOf(key: string): string | null
  /** Null when the project's lab never ran: nothing can be cached. */
  plans: CandidatePlans | null
  answer(key: string): CachedAnswer | undefined
}

const keepClasses = <T extends LabeledBox>(boxes: readonly T[], without: ReadonlySet<string>) =>
  without.size === 0 ? boxes : boxes.filter((b) => !without.has(b.className))

/**
 * Scores a candidate from the cache: truth images it has an answer for are scored at its cut and
 * the IoU; images with no answer yet are counted as missing and left out (never scored as "nothing
 * found"); reference images follow leave-one-out (leave-one-out.ts). Every truth class is scored,
 * so a candidate that does not ask for one misses all of its boxes.
 */
export function scoreCandidate(input: ScoreInput): LabCandidateScore {
  const images: EvalImage[] = []
  const plans: ImagePlan[] = []
  const leftOut: { key: string; reason: string }[] = []
  const found = new Set<string>()
  let missing = 0
  for (const image of input.truth) {
    const sha = input.shaOf(image.key)
    const planned = sha === null || input.plans === null ? null : input.plans.plan(sha)
    if (planned !== null) {
      plans.push(planned.plan)
      if (isListedLeftOut(planned.plan)) {
        leftOut.push({ key: image.key, reason: planned.plan.reason as string })
      }
      if (planned.plan.kind === 'left-out') continue
    }
    const answer = planned?.key == null ? undefined : input.answer(planned.key)
    if (planned === null || answer === undefined) {
      missing++
      continue
    }
    const without = new Set(planned.plan.kind === 'scored' ? planned.plan.without : [])
    for (const d of answer.detections) found.add(d.className)
    images.push({
      key: image.key,
      truth: keepClasses(image.truth, without),
      rejected: keepClasses(image.rejected, without),
      detections: keepClasses(answer.detections, without),
    })
  }
  const classes = [...new Set([...candidateClasses(input.model), ...input.truthClasses])]
  // A hosted model without a class list keeps every class it knows: score those it found too.
  if (input.model.kind === 'hosted' && input.model.classes.length === 0) {
    for (const name of [...found].sort()) if (!classes.includes(name)) classes.push(name)
  }
  const report = evaluate(images, classes, {
    iou: input.iou,
    thresholds: cutThresholds(input.cut, classes),
  })
  return {
    candidateId: input.candidateId,
    report: reportForView(report),
    coverage: { scored: images.length, missing, leftOut, policy: referencePolicy(plans) },
  }
}
