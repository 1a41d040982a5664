import type { ModelSpecInput } from '../../../shared/contract'
import {
  classesProblem,
  clampThreshold,
  DEFAULT_PROMPT,
  parseClasses,
  type PromptSettings,
} from '../core/prompt'

/** The Grounding DINO prompt; it lives here, not per image, so it carries over between images. */
export class PromptState {
  classesText = $state(DEFAULT_PROMPT.classesText)
  boxThreshold = $state(DEFAULT_PROMPT.boxThreshold)
  textThreshold = $state(DEFAULT_PROMPT.textThreshold)
  classAgnosticNms = $state(DEFAULT_PROMPT.classAgnosticNms)

  readonly classes = $derived(parseClasses(this.classesText))
  readonly problem = $derived(classesProblem(this.classes))

  /** The model spec exactly as `detection.run` takes it. */
  readonly spec = $derived<ModelSpecInput>({
    kind: 'grounding-dino',
    classes: this.classes,
    boxThreshold: clampThreshold(this.boxThreshold, DEFAULT_PROMPT.boxThreshold),
    textThreshold: clampThreshold(this.textThreshold, DEFAULT_PROMPT.textThreshold),
    classAgnosticNms: this.classAgnosticNms,
  })

  constructor(initial: Partial<PromptSettings> = {}) {
    const settings = { ...DEFAULT_PROMPT, ...initial }
    this.classesText = settings.classesText
    this.boxThreshold = settings.boxThreshold
    this.textThreshold = settings.textThreshold
    this.classAgnosticNms = settings.classAgnosticNms
  }
}
