import { z } from 'zod'
import { DEFAULT_HOSTED } from './model-specs'
import { DEFAULT_PROMPT } from './prompt'

/**
 * The text-prompt editors as the project saves them (`prompts.groundingDino`, `prompts.moondream2`,
 * `prompts.hosted`, and the model chosen, `prompts.model`; the OwlV2 exemplar set is `prompts.owlv2`, see exemplar-file.ts). Each is read
 * on its own, so one unreadable entry leaves the others usable.
 */
const threshold = z.number().min(0).max(1)
/** A number field as the user left it; blank is null. */
const fieldValue = z.number().nullable()

export const savedGroundingDino = z.object({
  version: z.literal(1),
  classesText: z.string(),
  boxThreshold: threshold,
  textThreshold: threshold,
  classAgnosticNms: z.boolean(),
})
export type SavedGroundingDino = z.infer<typeof savedGroundingDino>

export const savedMoondream = z.object({
  version: z.literal(1),
  promptsText: z.string(),
  /** Null while the model id follows the profile's default. */
  modelId: z.string().nullable(),
})
export type SavedMoondream = z.infer<typeof savedMoondream>

/** The custom model's settings; its image URL names one picture, so it stays with the session. */
export const savedHosted = z.object({
  version: z.literal(1),
  project: z.string(),
  modelVersion: fieldValue,
  confidence: fieldValue,
  overlap: fieldValue,
  classesText: z.string(),
  renderImage: z.boolean(),
})
export type SavedHosted = z.infer<typeof savedHosted>

/** Which model the project was last used with, so it opens with that editor. */
export const savedModel = z.object({
  version: z.literal(1),
  kind: z.enum(['grounding-dino', 'owlv2', 'moondream2', 'hosted']),
})
export type SavedModel = z.infer<typeof savedModel>

export interface SavedPrompts {
  model: SavedModel
  groundingDino: SavedGroundingDino
  moondream2: SavedMoondream
  hosted: SavedHosted
}
export type PromptKey = keyof SavedPrompts

const SCHEMAS: { [K in PromptKey]: z.ZodType<SavedPrompts[K]> } = {
  model: savedModel,
  groundingDino: savedGroundingDino,
  moondream2: savedMoondream,
  hosted: savedHosted,
}

export const PROMPT_KEYS = Object.keys(SCHEMAS) as PromptKey[]

/** Each editor as it starts: what a project without a saved value means, and what an unreadable one gives. */
export const EMPTY_PROMPTS: SavedPrompts = {
  model: { version: 1, kind: 'grounding-dino' },
  groundingDino: { version: 1, ...DEFAULT_PROMPT },
  moondream2: { version: 1, promptsText: '', modelId: null },
  hosted: {
    version: 1,
    project: DEFAULT_HOSTED.project,
    modelVersion: DEFAULT_HOSTED.version,
    confidence: DEFAULT_HOSTED.confidence,
    overlap: DEFAULT_HOSTED.overlap,
    classesText: DEFAULT_HOSTED.classesText,
    renderImage: DEFAULT_HOSTED.renderImage,
  },
}

/** What a project holds for one editor: nothing yet, a readable value, or one that cannot be read. */
export type SavedEntry<K extends PromptKey> =
  { kind: 'missing' } | { kind: 'saved'; value: SavedPrompts[K] } | { kind: 'unreadable' }

/** Reads one editor's saved value; anything unreadable is reported, never thrown or repaired. */
export function readSavedPrompt<K extends PromptKey>(key: K, value: unknown): SavedEntry<K> {
  if (value === undefined) return { kind: 'missing' }
  const parsed = SCHEMAS[key].safeParse(value)
  return parsed.success ? { kind: 'saved', value: parsed.data } : { kind: 'unreadable' }
}

/** The entries of `current` that differ from `saved` (compared as JSON), to write only those. */
export function changedPrompts(
  current: SavedPrompts,
  saved: Readonly<Record<PromptKey, string>>,
): Partial<SavedPrompts> {
  const changed: Partial<Record<PromptKey, unknown>> = {}
  for (const key of PROMPT_KEYS) {
    if (JSON.stringify(current[key]) !== saved[key]) changed[key] = current[key]
  }
  return changed as Partial<SavedPrompts>
}
