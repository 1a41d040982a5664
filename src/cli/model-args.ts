import type { ModelKind, ModelSpecInput } from '../shared/contract'
import type { Profile } from '../shared/profile'
import { readScaledFraction, readUnit, toPercent } from './confidence'
import { UsageError } from './errors'

/** The model-related flags as typed on the command line (numbers already read, not yet checked). */
export interface ModelFlags {
  model: string | undefined
  classes: string[]
  prompts: string[]
  examples: string | undefined
  confidence: number | undefined
  overlap: number | undefined
  boxThreshold: number | undefined
  textThreshold: number | undefined
}

export interface ModelPlan {
  /** What detection.run gets; OwlV2's `references` stay empty until the example images are open. */
  spec: ModelSpecInput
  examplesPath: string | null
}

type FlagKey = Exclude<keyof ModelFlags, 'model'>

const FLAG_NAMES: Record<FlagKey, string> = {
  classes: '--classes',
  prompts: '--prompt',
  examples: '--examples',
  confidence: '--confidence',
  overlap: '--overlap',
  boxThreshold: '--box-threshold',
  textThreshold: '--text-threshold',
}

const ACCEPTED: Record<ModelKind, FlagKey[]> = {
  'grounding-dino': ['classes', 'boxThreshold', 'textThreshold'],
  owlv2: ['examples', 'confidence'],
  moondream2: ['prompts'],
  hosted: ['classes', 'confidence', 'overlap'],
}

/** Better words than "does not apply" where users predictably reach for the wrong flag. */
const ADVICE: Partial<Record<ModelKind, Partial<Record<FlagKey, string>>>> = {
  'grounding-dino': {
    confidence:
      'Grounding DINO has no --confidence: use --box-threshold (and --text-threshold) instead.',
  },
  owlv2: { classes: 'OwlV2 takes its classes from the category names in the --examples file.' },
  moondream2: {
    confidence: 'Moondream2 scores every box 1.0, so it has no --confidence.',
    classes: 'Moondream2 takes what to find from --prompt (one object per --prompt).',
  },
}

const HOSTED_MODEL = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\/(\d{1,6})$/

/** Splits `--classes a,b` (repeatable) into trimmed, non-empty class names. */
export function splitClasses(values: string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((name) => name.trim())
    .filter(Boolean)
}

function isGiven(flags: ModelFlags, key: FlagKey): boolean {
  const value = flags[key]
  return Array.isArray(value) ? value.length > 0 : value !== undefined
}

/** Rejects flags the chosen model would silently ignore, so a run never quietly differs from the ask. */
function rejectForeignFlags(flags: ModelFlags, kind: ModelKind, label: string): void {
  for (const key of Object.keys(FLAG_NAMES) as FlagKey[]) {
    if (!isGiven(flags, key) || ACCEPTED[kind].includes(key)) continue
    throw new UsageError(ADVICE[kind]?.[key] ?? `${FLAG_NAMES[key]} does not apply to ${label}.`)
  }
}

/** Maps the command-line flags to a model spec (model-spec.ts), checking each flag against the model. */
export function planModel(flags: ModelFlags): ModelPlan {
  const model = flags.model?.trim()
  if (!model) {
    throw new UsageError(
      'Choose a model with --model: grounding-dino, owlv2, moondream2 or <project>/<version>.',
    )
  }
  if (model === 'grounding-dino') {
    rejectForeignFlags(flags, 'grounding-dino', 'Grounding DINO')
    const classes = splitClasses(flags.classes)
    if (classes.length === 0) {
      throw new UsageError('Grounding DINO needs the classes to find: --classes "dog,cat".')
    }
    const spec: ModelSpecInput = { kind: 'grounding-dino', classes }
    if (flags.boxThreshold !== undefined) {
      spec.boxThreshold = readUnit('--box-threshold', flags.boxThreshold)
    }
    if (flags.textThreshold !== undefined) {
      spec.textThreshold = readUnit('--text-threshold', flags.textThreshold)
    }
    return { spec, examplesPath: null }
  }
  if (model === 'owlv2') {
    rejectForeignFlags(flags, 'owlv2', 'OwlV2')
    if (flags.examples === undefined || flags.examples.trim() === '') {
      throw new UsageError(
        'OwlV2 finds objects like examples you show it: --examples <coco.json> with reference images and boxes.',
      )
    }
    const spec: ModelSpecInput = { kind: 'owlv2', references: [] }
    if (flags.confidence !== undefined) {
      spec.confidence = readScaledFraction('--confidence', flags.confidence)
    }
    return { spec, examplesPath: flags.examples }
  }
  if (model === 'moondream2') {
    rejectForeignFlags(flags, 'moondream2', 'Moondream2')
    const prompts = flags.prompts.map((prompt) => prompt.trim()).filter(Boolean)
    if (prompts.length === 0) {
      throw new UsageError('Moondream2 needs what to find: --prompt "red car" (repeat for more).')
    }
    return { spec: { kind: 'moondream2', prompts }, examplesPath: null }
  }
  const hosted = HOSTED_MODEL.exec(model)
  if (hosted === null) {
    throw new UsageError(
      `Unknown model "${model}". Use grounding-dino, owlv2, moondream2 or a hosted model as <project>/<version>, e.g. my-project/3.`,
    )
  }
  rejectForeignFlags(flags, 'hosted', `the hosted model ${model}`)
  const spec: ModelSpecInput = {
    kind: 'hosted',
    project: hosted[1] as string,
    version: Number(hosted[2]),
    classes: splitClasses(flags.classes),
  }
  if (flags.confidence !== undefined) {
    spec.confidence = toPercent(readScaledFraction('--confidence', flags.confidence))
  }
  if (flags.overlap !== undefined) {
    spec.overlap = toPercent(readScaledFraction('--overlap', flags.overlap))
  }
  return { spec, examplesPath: null }
}

/** Fills the model ids a profile chooses (its OwlV2 version, its Moondream model) into the spec. */
export function applyProfileDefaults(
  spec: ModelSpecInput,
  defaults: Profile['defaults'] | undefined,
): ModelSpecInput {
  if (defaults === undefined) return spec
  if (spec.kind === 'owlv2') return { ...spec, versionId: defaults.owlv2VersionId }
  if (spec.kind === 'moondream2') return { ...spec, modelId: defaults.moondreamModelId }
  return spec
}
