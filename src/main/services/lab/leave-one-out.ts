import type { ReferencePolicy } from '../../../shared/lab'
import type { KeyedReference } from './lab-request'

/** How one truth image is asked and scored for a candidate. */
export type ImagePlan<R extends KeyedReference = KeyedReference> =
  | {
      kind: 'scored'
      /** The OwlV2 references sent with it (every one, or the others for a reference image). */
      references: readonly R[]
      /** Classes it is scored without: no other reference shows them. */
      without: readonly string[]
      /** Why it is scored differently from the other images; null when it is not. */
      reason: string | null
    }
  | { kind: 'left-out'; reason: string }

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ')

/** Classes with at least one positive example among some references. */
function positiveClasses(references: readonly KeyedReference[]): Set<string> {
  return new Set(
    references.flatMap((r) => r.boxes.filter((b) => !b.negative).map((b) => b.className)),
  )
}

/**
 * Leave-one-out: an image that is one of the candidate's reference images (same content) is never
 * scored with its own examples. It is asked with the other references only; a class no other
 * reference shows is left out of its score (its counter-examples are dropped too, since a class with
 * only counter-examples makes the server fail, inference-api.md §1.5); with no class left, the image
 * is not scored at all. Without references (every model but OwlV2) every image is scored the same.
 */
export function planImage<R extends KeyedReference>(
  imageSha: string,
  references: readonly R[],
): ImagePlan<R> {
  if (!references.some((r) => r.sha === imageSha)) {
    return { kind: 'scored', references, without: [], reason: null }
  }
  const all = positiveClasses(references)
  const others = references.filter((r) => r.sha !== imageSha)
  const shown = positiveClasses(others)
  const without = [...all].filter((name) => !shown.has(name))
  if (shown.size === 0) {
    return {
      kind: 'left-out',
      reason:
        'It is one of this candidate’s reference images and no other reference shows any of its classes, so it is not scored (an image is never scored with its own examples).',
    }
  }
  const sent = others
    .map((r) => ({ ...r, boxes: r.boxes.filter((b) => shown.has(b.className)) }))
    .filter((r) => r.boxes.length > 0)
  return {
    kind: 'scored',
    references: sent,
    without,
    reason:
      without.length === 0
        ? 'It is one of this candidate’s reference images: it is scored with the other references only.'
        : `It is one of this candidate’s reference images: it is scored with the other references only, without ${quoted(without)}, which no other reference shows.`,
  }
}

/** Which rule kept reference images from scoring themselves, over a candidate's truth images. */
export function referencePolicy(plans: readonly ImagePlan[]): ReferencePolicy {
  const references = plans.filter((p) => p.kind === 'left-out' || p.reason !== null)
  if (references.length === 0) return 'none'
  return references.some((p) => p.kind === 'scored') ? 'leave-one-out' : 'left-out'
}

/** Whether a plan is listed in a candidate's coverage as scored without something, or not at all. */
export function isListedLeftOut(plan: ImagePlan): boolean {
  return plan.kind === 'left-out' || plan.without.length > 0
}
