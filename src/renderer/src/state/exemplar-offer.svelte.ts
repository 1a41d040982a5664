import type { AnnotationBox } from '../../../shared/annotations'
import {
  counterOnlyAdvice,
  counterOnlyAfter,
  describeAddition,
  examplesFromBoxes,
  groupOffer,
  pickOffer,
  type OfferedExample,
} from '../core/exemplar-offer'
import type { Exemplar, ExemplarSet, ReferenceImage } from '../core/exemplars'

/** What the offer needs from the exemplar set: the set as it is, and a way to add to it. */
export interface OfferTarget {
  set(): ExemplarSet
  add(image: ReferenceImage, key: string | null, boxes: readonly Omit<Exemplar, 'id'>[]): void
}

/**
 * "Add it with its boxes", asked before it is done: the image's labels as examples and the boxes
 * rejected on it as counter-examples, each ticked until the user unticks it.
 */
export class ExemplarOffer {
  /** The image offered; null while the dialog is closed. */
  image = $state.raw<ReferenceImage | null>(null)
  offered = $state.raw<readonly OfferedExample[]>([])
  ticked = $state.raw<readonly string[]>([])
  #key: string | null = null
  readonly #target: OfferTarget

  readonly groups = $derived(groupOffer(this.offered))
  readonly picked = $derived(pickOffer(this.offered, this.ticked))
  /** "Add 3 examples and 1 counter-example", or null when nothing is ticked. */
  readonly action = $derived(describeAddition(this.picked))
  /** One warning per class the addition would leave with only counter-examples. */
  readonly warnings = $derived.by(() => this.#warnings())

  constructor(target: OfferTarget) {
    this.#target = target
  }

  open(image: ReferenceImage, key: string | null, boxes: readonly AnnotationBox[]): void {
    this.offered = examplesFromBoxes(boxes)
    this.ticked = this.offered.map((item) => item.sourceId)
    this.#key = key
    this.image = image
  }

  isTicked(sourceId: string): boolean {
    return this.ticked.includes(sourceId)
  }

  tick(sourceId: string, on: boolean): void {
    const rest = this.ticked.filter((id) => id !== sourceId)
    this.ticked = on ? [...rest, sourceId] : rest
  }

  /** Adds the image with the ticked boxes (nothing when none is ticked) and closes. */
  confirm(): void {
    const image = this.image
    if (!image || this.picked.length === 0) return
    this.#target.add(
      image,
      this.#key,
      this.picked.map(({ box, className, negative }) => ({ box, className, negative })),
    )
    this.close()
  }

  #warnings(): { className: string; text: string }[] {
    if (this.image === null) return []
    return counterOnlyAfter(this.#target.set(), this.image, this.picked).map((className) => ({
      className,
      text: counterOnlyAdvice(className, this.offered, this.ticked),
    }))
  }

  close(): void {
    this.image = null
    this.offered = []
    this.ticked = []
  }
}
