import type { Services } from '../main/services'
import { labModelSchema, type LabCut, type LabModel } from '../shared/lab'
import { labFloor } from '../shared/lab-floors'
import { UsageError } from './errors'
import { loadExamples } from './load-examples'
import { applyProfileDefaults, type ModelPlan } from './model-args'

/** The model flags as the prompt lab takes them: OwlV2 examples become references by file path. */
export async function buildLabModel(
  services: Pick<Services, 'invoke' | 'images'>,
  plan: ModelPlan,
  defaults: Parameters<typeof applyProfileDefaults>[1],
): Promise<LabModel> {
  const spec = applyProfileDefaults(plan.spec, defaults)
  let input: unknown = spec
  if (spec.kind === 'owlv2' && plan.examplesPath !== null) {
    const references = await loadExamples(services, plan.examplesPath)
    input = {
      ...spec,
      references: references.map((r) => ({
        path: services.images.pathOf(r.imageId),
        boxes: r.boxes,
      })),
    }
  }
  const parsed = labModelSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new UsageError(
    `The model settings are not valid: ${issue?.path.join('.')}: ${issue?.message}`,
  )
}

/** The score cut the model flags give (--box-threshold, --confidence), and how to say where it came from. */
export function cutOf(model: LabModel): { cut: LabCut; label: string } {
  const at = (global: number, flag: string) => {
    const floor = labFloor(model)
    const below = global < floor ? `, counted as ${floor}: nothing under it was asked for` : ''
    return { cut: { global, perClass: {} }, label: `${global} (${flag}${below})` }
  }
  switch (model.kind) {
    case 'grounding-dino':
      return at(model.boxThreshold, '--box-threshold')
    case 'owlv2':
      return at(model.confidence, '--confidence')
    case 'hosted':
      return at(model.confidence / 100, '--confidence')
    case 'moondream2':
      return { cut: { global: 0, perClass: {} }, label: 'none (Moondream2 scores every box 1)' }
  }
}

const quoted = (names: readonly string[]): string => names.map((n) => `"${n}"`).join(', ')

/** The model and its prompt in a few words, for the report's first line. */
export function describeModel(model: LabModel): string {
  switch (model.kind) {
    case 'grounding-dino':
      return `grounding-dino ${quoted(model.classes)}`
    case 'moondream2':
      return `moondream2 ${quoted(model.prompts)}`
    case 'hosted':
      return `${model.project}/${model.version}${model.classes.length > 0 ? ` ${quoted(model.classes)}` : ''}`
    case 'owlv2': {
      const boxes = model.references.reduce((n, r) => n + r.boxes.length, 0)
      return `owlv2 (${boxes} example ${boxes === 1 ? 'box' : 'boxes'} on ${model.references.length} ${model.references.length === 1 ? 'image' : 'images'})`
    }
  }
}
