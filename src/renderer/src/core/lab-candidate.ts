import type { ModelSpecInput } from '../../../shared/contract'
import {
  labModelSchema,
  type LabCut,
  type LabModel,
  type LabModelInput,
  type LabReference,
} from '../../../shared/lab'
import { DEFAULT_PROMPT } from './prompt'
import { DEFAULT_OWLV2_CONFIDENCE, MODEL_LABELS, requestedClasses } from './model-specs'
import type { ExemplarSet } from './exemplars'

/** A prompt ready to be saved as a candidate: the model, and the cut its counts are taken at. */
export interface CandidateDraft {
  model: LabModelInput
  cut: LabCut
}

/** The hosted API's confidence default, in percent (inference-api.md §5). */
const DEFAULT_HOSTED_CONFIDENCE = 40

/**
 * The model panel's current prompt as a candidate. Its cut is the score the model would have been
 * asked at: Grounding DINO's box threshold, OwlV2's confidence, the hosted confidence as a
 * fraction; Moondream2 gives no scores, so its cut is 0. OwlV2 references name project images by
 * key (so the candidate follows the folder) and other images by path; images without boxes drop.
 */
export function candidateFromSpec(spec: ModelSpecInput, references: ExemplarSet): CandidateDraft {
  const cut = (global: number): LabCut => ({ global, perClass: {} })
  switch (spec.kind) {
    case 'grounding-dino':
      return { model: spec, cut: cut(spec.boxThreshold ?? DEFAULT_PROMPT.boxThreshold) }
    case 'moondream2':
      return { model: spec, cut: cut(0) }
    case 'hosted': {
      // One picture's URL and the server's rendered picture mean nothing over a truth set.
      const { imageUrl: _, ...rest } = spec
      return {
        model: { ...rest, format: 'json' },
        cut: cut((spec.confidence ?? DEFAULT_HOSTED_CONFIDENCE) / 100),
      }
    }
    case 'owlv2': {
      const { references: _, ...rest } = spec
      return {
        model: { ...rest, references: labReferences(references) },
        cut: cut(spec.confidence ?? DEFAULT_OWLV2_CONFIDENCE),
      }
    }
  }
}

/** An exemplar set's references as a candidate keeps them: by project key, else by path. */
export function labReferences(set: ExemplarSet): LabReference[] {
  return set
    .filter((ref) => ref.boxes.length > 0)
    .map((ref) => {
      const boxes = ref.boxes.map(({ box, className, negative }) => ({ box, className, negative }))
      return ref.key !== null ? { key: ref.key, boxes } : { path: ref.image.path, boxes }
    })
}

/** The class names a candidate asks for, in its own order. */
export function candidateClasses(model: LabModelInput): string[] {
  if (model.kind !== 'owlv2') return requestedClasses(model)
  const names: string[] = []
  for (const ref of model.references)
    for (const box of ref.boxes)
      if (!box.negative && !names.includes(box.className)) names.push(box.className)
  return names
}

/** "Grounding DINO: red, blue", shortened, and numbered when the name is taken. */
export function suggestName(model: LabModelInput, taken: readonly string[]): string {
  const classes = candidateClasses(model).join(', ')
  const base = `${MODEL_LABELS[model.kind]}${classes ? `: ${classes}` : ''}`
  const short = base.length > 60 ? `${base.slice(0, 59)}…` : base
  if (!taken.includes(short)) return short
  let n = 2
  while (taken.includes(`${short} (${n})`)) n++
  return `${short} (${n})`
}

/** The model with every default filled, so two spellings of the same prompt compare equal. */
export function normalModel(model: LabModelInput): LabModel | null {
  const parsed = labModelSchema.safeParse(model)
  return parsed.success ? parsed.data : null
}

/**
 * Whether two candidates ask the same model the same thing. The score threshold is left aside: the
 * lab asks at its own floor and the threshold only sets the cut, which the sliders move anyway.
 */
export function sameModel(a: LabModelInput, b: LabModelInput): boolean {
  const x = normalModel(a)
  const y = normalModel(b)
  return x !== null && y !== null && stableJson(promptOf(x)) === stableJson(promptOf(y))
}

function promptOf(model: LabModel): unknown {
  switch (model.kind) {
    case 'grounding-dino': {
      const { boxThreshold: _, ...prompt } = model
      return prompt
    }
    case 'owlv2':
    case 'hosted': {
      const { confidence: _, ...prompt } = model
      return prompt
    }
    case 'moondream2':
      return model
  }
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([p], [q]) => p.localeCompare(q)))
      : v,
  )
}
