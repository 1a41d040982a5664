import type { Box } from '../../../shared/geometry'
import {
  addExemplar,
  exemplarClasses,
  exemplarsOn,
  hasCounterExamples,
  removeExemplar,
  removeReference,
  type Exemplar,
  type ExemplarSet,
  type ReferenceImage,
} from '../core/exemplars'
import { buildOwlv2Spec, DEFAULT_OWLV2_CONFIDENCE, type SpecOutcome } from '../core/model-specs'
import { classColors } from '../core/palette'
import type { ModelDefaults } from './model-state.svelte'

/**
 * The OwlV2 exemplar set: reference images with example and counter-example boxes, collected
 * across images and reused on any query image; plus the class and kind of the next box drawn.
 */
export class ExemplarState {
  references = $state.raw<ExemplarSet>([])
  /** Class given to the next box drawn. */
  className = $state('')
  /** Whether the next box drawn is a counter-example. */
  negative = $state(false)
  confidence = $state<number | null>(DEFAULT_OWLV2_CONFIDENCE)
  /** Exemplar-drawing mode: a drag on the canvas adds a box instead of panning. */
  drawing = $state(false)

  readonly #defaults: () => ModelDefaults

  readonly classes = $derived(exemplarClasses(this.references))
  readonly colors = $derived(classColors(this.classes))
  readonly hasCounterExamples = $derived(hasCounterExamples(this.references))
  readonly boxCount = $derived(this.references.reduce((n, ref) => n + ref.boxes.length, 0))
  readonly drawBlocker = $derived(
    this.className.trim() === '' ? 'Type the class of the examples, then draw.' : null,
  )

  constructor(defaults: () => ModelDefaults) {
    this.#defaults = defaults
  }

  /** Read through ModelState's derived outcome, which caches it. */
  get outcome(): SpecOutcome {
    return buildOwlv2Spec({
      references: this.references,
      confidence: this.confidence,
      versionId: this.#defaults().owlv2VersionId,
    })
  }

  startDrawing(): void {
    if (this.drawBlocker === null) this.drawing = true
  }

  stopDrawing(): void {
    this.drawing = false
  }

  toggleDrawing(): void {
    if (this.drawing) this.stopDrawing()
    else this.startDrawing()
  }

  /** Adds a box drawn on `image` with the current class and sign; returns it, or null when no class is set. */
  add(image: ReferenceImage, box: Box): Exemplar | null {
    const className = this.className.trim().replace(/\s+/g, ' ')
    if (className === '') return null
    const exemplar: Exemplar = { id: crypto.randomUUID(), box, className, negative: this.negative }
    this.references = addExemplar(this.references, image, exemplar)
    return exemplar
  }

  remove(imageId: string, exemplarId: string): void {
    this.references = removeExemplar(this.references, imageId, exemplarId)
  }

  removeReference(imageId: string): void {
    this.references = removeReference(this.references, imageId)
  }

  boxesOn(imageId: string | undefined): readonly Exemplar[] {
    return imageId === undefined ? [] : exemplarsOn(this.references, imageId)
  }
}
