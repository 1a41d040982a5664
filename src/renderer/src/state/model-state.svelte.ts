import type { ModelKind } from '../../../shared/contract'
import {
  buildGroundingDinoSpec,
  buildHostedSpec,
  buildMoondreamSpec,
  DEFAULT_HOSTED,
  MODEL_LABELS,
  requestedClasses,
  SCHEMA_MODEL_DEFAULTS,
  type ModelDefaults,
  type SpecOutcome,
} from '../core/model-specs'
import {
  EMPTY_PROMPTS,
  type SavedGroundingDino,
  type SavedHosted,
  type SavedMoondream,
} from '../core/prompt-file'
import { clampThreshold, DEFAULT_PROMPT, parseClasses, type PromptSettings } from '../core/prompt'
import { ExemplarState } from './exemplar-state.svelte'
import { PromptSaving } from './prompt-saving.svelte'

export const MODEL_KINDS: readonly ModelKind[] = ['grounding-dino', 'owlv2', 'moondream2', 'hosted']

/** The Grounding DINO prompt and thresholds. */
export class GroundingDinoEditor {
  classesText = $state(DEFAULT_PROMPT.classesText)
  boxThreshold = $state(DEFAULT_PROMPT.boxThreshold)
  textThreshold = $state(DEFAULT_PROMPT.textThreshold)
  classAgnosticNms = $state(DEFAULT_PROMPT.classAgnosticNms)

  readonly classes = $derived(parseClasses(this.classesText))
  readonly outcome: SpecOutcome = $derived(buildGroundingDinoSpec(this))

  constructor(initial: Partial<PromptSettings> = {}) {
    const settings = { ...DEFAULT_PROMPT, ...initial }
    this.classesText = settings.classesText
    this.boxThreshold = settings.boxThreshold
    this.textThreshold = settings.textThreshold
    this.classAgnosticNms = settings.classAgnosticNms
  }

  /** What the project saves (`prompts.groundingDino`): the thresholds as they would be sent. */
  save(): SavedGroundingDino {
    return {
      version: 1,
      classesText: this.classesText,
      boxThreshold: clampThreshold(this.boxThreshold, DEFAULT_PROMPT.boxThreshold),
      textThreshold: clampThreshold(this.textThreshold, DEFAULT_PROMPT.textThreshold),
      classAgnosticNms: this.classAgnosticNms,
    }
  }

  load(saved: SavedGroundingDino = EMPTY_PROMPTS.groundingDino): void {
    this.classesText = saved.classesText
    this.boxThreshold = saved.boxThreshold
    this.textThreshold = saved.textThreshold
    this.classAgnosticNms = saved.classAgnosticNms
  }
}

/** Moondream2 prompts, one object name per line; the model id follows the profile until edited. */
export class MoondreamEditor {
  promptsText = $state('')
  #modelId = $state<string | null>(null)
  readonly #defaults: () => ModelDefaults

  readonly outcome: SpecOutcome = $derived(
    buildMoondreamSpec({ promptsText: this.promptsText, modelId: this.modelId }),
  )

  constructor(defaults: () => ModelDefaults) {
    this.#defaults = defaults
  }

  get modelId(): string {
    return this.#modelId ?? this.#defaults().moondreamModelId
  }

  set modelId(value: string) {
    this.#modelId = value
  }

  /** What the project saves (`prompts.moondream2`); a model id the user never typed stays null. */
  save(): SavedMoondream {
    return { version: 1, promptsText: this.promptsText, modelId: this.#modelId }
  }

  load(saved: SavedMoondream = EMPTY_PROMPTS.moondream2): void {
    this.promptsText = saved.promptsText
    this.#modelId = saved.modelId
  }
}

/** A custom model on the `/:project/:version` route, with the hosted API's percent scales (§5). */
export class HostedEditor {
  project = $state<string>(DEFAULT_HOSTED.project)
  version = $state<number | null>(DEFAULT_HOSTED.version)
  confidence = $state<number | null>(DEFAULT_HOSTED.confidence)
  overlap = $state<number | null>(DEFAULT_HOSTED.overlap)
  classesText = $state<string>(DEFAULT_HOSTED.classesText)
  renderImage = $state<boolean>(DEFAULT_HOSTED.renderImage)
  imageUrl = $state<string>(DEFAULT_HOSTED.imageUrl)

  readonly outcome: SpecOutcome = $derived(buildHostedSpec(this))

  /** What the project saves (`prompts.hosted`); the image URL names one picture, so it is left out. */
  save(): SavedHosted {
    return {
      version: 1,
      project: this.project,
      modelVersion: this.version,
      confidence: this.confidence,
      overlap: this.overlap,
      classesText: this.classesText,
      renderImage: this.renderImage,
    }
  }

  load(saved: SavedHosted = EMPTY_PROMPTS.hosted): void {
    this.project = saved.project
    this.version = saved.modelVersion
    this.confidence = saved.confidence
    this.overlap = saved.overlap
    this.classesText = saved.classesText
    this.renderImage = saved.renderImage
  }
}

/**
 * The chosen model kind and one editor per kind; they live here, not per image, so every
 * kind's settings carry over while the user switches images and kinds.
 */
export class ModelState {
  kind = $state<ModelKind>('grounding-dino')
  readonly groundingDino = new GroundingDinoEditor()
  readonly moondream: MoondreamEditor
  readonly hosted = new HostedEditor()
  readonly owlv2: ExemplarState
  /** Saves the text-prompt editors with the open project and restores them when one opens. */
  readonly prompts: PromptSaving

  readonly outcome: SpecOutcome = $derived.by(() => this.#editorOutcome())
  readonly spec = $derived(this.outcome.spec)
  readonly problem = $derived(this.outcome.problem)
  readonly classes = $derived(requestedClasses(this.spec))
  readonly label = $derived(MODEL_LABELS[this.kind])

  constructor(defaults: () => ModelDefaults = () => SCHEMA_MODEL_DEFAULTS) {
    this.moondream = new MoondreamEditor(defaults)
    this.owlv2 = new ExemplarState(defaults)
    this.prompts = new PromptSaving({
      // The model chosen opens with the project; an unreadable entry keeps the one shown.
      model: {
        save: () => ({ version: 1, kind: this.kind }),
        load: (saved) => {
          if (saved) this.select(saved.kind)
        },
      },
      groundingDino: this.groundingDino,
      moondream2: this.moondream,
      hosted: this.hosted,
    })
  }

  /** The canvas draws OwlV2 examples only while their editor is the one shown. */
  get drawingExemplars(): boolean {
    return this.kind === 'owlv2' && this.owlv2.drawing
  }

  select(kind: ModelKind): void {
    this.kind = kind
    if (kind !== 'owlv2') this.owlv2.stopDrawing()
  }

  #editorOutcome(): SpecOutcome {
    switch (this.kind) {
      case 'grounding-dino':
        return this.groundingDino.outcome
      case 'moondream2':
        return this.moondream.outcome
      case 'hosted':
        return this.hosted.outcome
      case 'owlv2':
        return this.owlv2.outcome
    }
  }
}
