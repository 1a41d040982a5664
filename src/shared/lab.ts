import { z } from 'zod'
import type { EvalReport } from './evaluation'
import type { Box } from './geometry'
import {
  exemplarBoxSchema,
  groundingDinoSpec,
  hostedSpec,
  moondream2Spec,
  owlv2Spec,
} from './model-spec'

/**
 * The prompt lab: candidates (a prompt of one model with its thresholds) scored against the
 * project's truth set (its reviewed images: kept boxes are true objects, rejected suggestions known
 * false positives). The lab asks each model once at a floor threshold and caches every raw answer,
 * so moving a cut or the matching IoU costs no request.
 */

/** An OwlV2 reference of a candidate: a project image by key (or a file elsewhere by path). */
export const labReferenceSchema = z
  .strictObject({
    key: z.string().min(1).max(4096).optional(),
    path: z.string().min(1).max(4096).optional(),
    boxes: z.array(exemplarBoxSchema).min(1).max(500),
  })
  .refine((r) => (r.key === undefined) !== (r.path === undefined), {
    message: 'A reference names a project image (key) or a file (path), not both.',
  })
export type LabReference = z.infer<typeof labReferenceSchema>

/** A candidate's model: the batch's specs, with OwlV2 references kept by image rather than by id. */
export const labModelSchema = z.discriminatedUnion('kind', [
  groundingDinoSpec,
  owlv2Spec.omit({ references: true }).extend({
    references: z.array(labReferenceSchema).min(1).max(50),
  }),
  moondream2Spec,
  hostedSpec,
])
export type LabModel = z.infer<typeof labModelSchema>
export type LabModelInput = z.input<typeof labModelSchema>

export const candidateName = z.string().trim().min(1).max(100)

/** A saved candidate: a name, a model with its prompt and its own score cut. */
export interface LabCandidate {
  id: string
  name: string
  model: LabModel
  /** The score cut the counts are taken at: one for all classes, and per class where set. */
  cut: LabCut
  createdAt: string
}

export const labCutSchema = z.strictObject({
  global: z.number().min(0).max(1),
  perClass: z.record(z.string().max(200), z.number().min(0).max(1)).default({}),
})
export type LabCut = z.infer<typeof labCutSchema>

/** The truth the lab scores against, per class. */
export interface TruthSummary {
  /** Reviewed images (see shared/review-status). */
  images: number
  /** Kept boxes on them. */
  boxes: number
  /** Rejected suggestions on them. */
  rejected: number
  classes: {
    className: string
    boxes: number
    /** Reviewed images with at least one box of the class. */
    images: number
    /** Fewer than FEW_TRUTH_BOXES true boxes: its numbers come with their uncertainty. */
    few: boolean
  }[]
}

/** How a candidate's reference images are kept from scoring themselves. */
export type ReferencePolicy = 'leave-one-out' | 'left-out' | 'none'

/** How much of the truth set a candidate's score covers. */
export interface LabCoverage {
  /** Truth images with a cached answer for this candidate. */
  scored: number
  /** Truth images not run yet for this candidate (or whose request failed). */
  missing: number
  /** Images scored without some classes or not at all, and why (e.g. an exemplar reference). */
  leftOut: { key: string; reason: string }[]
  policy: ReferencePolicy
}

/** Raw curve points kept per class for drawing; gallery entries kept per list and class. */
export const LAB_CURVE_POINTS = 200
export const LAB_LISTED = 500

/**
 * A candidate's report as the window gets it (see reportForView): every number whole, the curves'
 * raw points thinned for drawing, the misses and false positives cut at LAB_LISTED per class (`listed` has
 * their full counts), and no list of true positives.
 */
export type LabReport = Omit<EvalReport, 'truePositives'> & {
  listed: { misses: number; falsePositives: number }
}

export interface LabCandidateScore {
  candidateId: string
  report: LabReport
  coverage: LabCoverage
}

export interface LabScore {
  truth: TruthSummary
  iou: number
  candidates: LabCandidateScore[]
}

/** A candidate's answer on one image at its cut, for drawing beside the truth on the canvas. */
export interface LabImageDetections {
  candidateId: string
  key: string
  detections: { className: string; box: Box; confidence: number }[]
  /** Why the image was not scored for this candidate, if it was not. */
  leftOut: string | null
}

export interface LabProgress {
  jobId: string
  projectId: string
  /** Requests the run needs (candidate x image), cached ones included. */
  total: number
  /** Answered from the cache (no request). */
  cached: number
  done: number
  failed: number
  inFlight: number
  state: 'running' | 'cancelled' | 'finished'
}

export interface LabFinished extends LabProgress {
  failures: { candidateId: string; key: string; message: string }[]
}
