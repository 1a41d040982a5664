import type { ModelKind, ModelSpecInput } from '../../../shared/contract'
import { exemplarProblem, toOwlv2References, type ExemplarSet } from './exemplars'
import { readInteger, readPercent, readUnit } from './numbers'
import {
  classesProblem,
  clampThreshold,
  DEFAULT_PROMPT,
  parseClasses,
  type PromptSettings,
} from './prompt'

/** Either the spec `detection.run` takes, or one sentence on what to fix first. */
export type SpecOutcome = { spec: ModelSpecInput; problem: null } | { spec: null; problem: string }

type FieldValue = number | string | null

export interface MoondreamSettings {
  /** One prompt per line; each prompt is one object name and one request (§1.6). */
  promptsText: string
  modelId: string
}

export interface HostedSettings {
  project: string
  version: FieldValue
  confidence: FieldValue
  overlap: FieldValue
  classesText: string
  renderImage: boolean
  imageUrl: string
}

export interface Owlv2Settings {
  references: ExemplarSet
  confidence: FieldValue
  versionId: string
}

/** Per-profile model defaults (inference-api.md §1.5, §1.6); the profile state supplies them. */
export interface ModelDefaults {
  owlv2VersionId: string
  moondreamModelId: string
}

/** The schema's own defaults, used until a profile says otherwise. */
export const SCHEMA_MODEL_DEFAULTS: ModelDefaults = {
  owlv2VersionId: 'owlv2-large-patch14-ensemble',
  moondreamModelId: 'moondream2/moondream2-2b',
}

export const MODEL_LABELS: Record<ModelKind, string> = {
  'grounding-dino': 'Grounding DINO',
  owlv2: 'OwlV2',
  moondream2: 'Moondream2',
  hosted: 'Custom model',
}

/** The hosted API's documented defaults (§5): confidence 40 %, overlap 30 %. */
export const DEFAULT_HOSTED = {
  project: '',
  version: 1,
  confidence: 40,
  overlap: 30,
  classesText: '',
  renderImage: false,
  imageUrl: '',
} as const satisfies HostedSettings

/** The server's own default; its scores sit near 1 (inference-api.md §1.5). */
export const DEFAULT_OWLV2_CONFIDENCE = 0.99
export const MAX_MOONDREAM_PROMPTS = 50

const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

const fail = (problem: string): SpecOutcome => ({ spec: null, problem })
const pass = (spec: ModelSpecInput): SpecOutcome => ({ spec, problem: null })

export function buildGroundingDinoSpec(settings: PromptSettings): SpecOutcome {
  const classes = parseClasses(settings.classesText)
  const problem = classesProblem(classes)
  if (problem !== null) return fail(problem)
  return pass({
    kind: 'grounding-dino',
    classes,
    boxThreshold: clampThreshold(settings.boxThreshold, DEFAULT_PROMPT.boxThreshold),
    textThreshold: clampThreshold(settings.textThreshold, DEFAULT_PROMPT.textThreshold),
    classAgnosticNms: settings.classAgnosticNms,
  })
}

/** Lines of a prompt list: trimmed, blanks dropped, the first spelling of a repeat kept. */
export function parsePromptLines(text: string): string[] {
  const seen = new Set<string>()
  const prompts: string[] = []
  for (const line of text.split('\n')) {
    const prompt = line.trim().replace(/\s+/g, ' ')
    const key = prompt.toLowerCase()
    if (prompt === '' || seen.has(key)) continue
    seen.add(key)
    prompts.push(prompt)
  }
  return prompts
}

export function buildMoondreamSpec(settings: MoondreamSettings): SpecOutcome {
  const prompts = parsePromptLines(settings.promptsText)
  if (prompts.length === 0) return fail('Enter at least one prompt, one per line, e.g. "red car".')
  if (prompts.length > MAX_MOONDREAM_PROMPTS)
    return fail(`Use at most ${MAX_MOONDREAM_PROMPTS} prompts.`)
  if (prompts.some((p) => p.length > 200)) return fail('Prompts can be at most 200 characters.')
  const modelId = settings.modelId.trim()
  if (modelId === '') return fail('Enter the Moondream2 model id, e.g. moondream2/moondream2-2b.')
  return pass({ kind: 'moondream2', prompts, modelId })
}

export function buildHostedSpec(settings: HostedSettings): SpecOutcome {
  const project = settings.project.trim()
  if (project === '') return fail('Enter the project id, e.g. "shapes" for the model shapes/1.')
  if (!PROJECT_ID.test(project)) return fail('A project id has letters, digits, "-", "_" or ".".')
  const version = readInteger(settings.version, 0, 100_000)
  if (version === null) return fail('The version is a whole number, e.g. 1.')
  const confidence = readPercent(settings.confidence)
  if (confidence === null) return fail('Confidence is a percent from 0 to 100.')
  const overlap = readPercent(settings.overlap)
  if (overlap === null) return fail('Overlap is a percent from 0 to 100.')
  const classes = parseClasses(settings.classesText)
  const imageUrl = settings.imageUrl.trim()
  if (imageUrl !== '' && !/^https:\/\/\S+$/i.test(imageUrl)) {
    return fail('The image URL must start with https://')
  }
  return pass({
    kind: 'hosted',
    project,
    version,
    confidence,
    overlap,
    classes,
    format: settings.renderImage ? 'image' : 'json',
    ...(imageUrl === '' ? {} : { imageUrl }),
  })
}

export function buildOwlv2Spec(settings: Owlv2Settings): SpecOutcome {
  const problem = exemplarProblem(settings.references)
  if (problem !== null) return fail(problem)
  const confidence = readUnit(settings.confidence)
  if (confidence === null) return fail('Confidence is a number from 0 to 1, e.g. 0.99.')
  const versionId = settings.versionId.trim()
  if (versionId === '') return fail('No OwlV2 version is set for this server profile.')
  return pass({
    kind: 'owlv2',
    references: toOwlv2References(settings.references),
    confidence,
    versionId,
  })
}

/** The class names a spec asks for, in the user's order, so result colours follow the editor. */
export function requestedClasses(spec: ModelSpecInput | null): string[] {
  if (spec === null) return []
  switch (spec.kind) {
    case 'grounding-dino':
      return spec.classes
    case 'moondream2':
      return spec.prompts
    case 'hosted':
      return spec.classes ?? []
    case 'owlv2':
      return [...new Set(spec.references.flatMap((r) => r.boxes.map((b) => b.className)))]
  }
}
