import { untrack } from 'svelte'
import type { Box } from '../../../shared/geometry'
import {
  readExemplarSet,
  restoredBoxes,
  saveExemplarSet,
  type SavedExemplarSet,
} from '../core/exemplar-file'
import {
  addExemplar,
  addReference,
  counterExamplesOf,
  counterOnlyClasses,
  exemplarClasses,
  exemplarsOn,
  hasCounterExamples,
  removeCounterExamples,
  removeExemplar,
  removeReference,
  updateExemplar,
  type Exemplar,
  type ExemplarSet,
  type ReferenceImage,
} from '../core/exemplars'
import {
  buildOwlv2Spec,
  DEFAULT_OWLV2_CONFIDENCE,
  type ModelDefaults,
  type SpecOutcome,
} from '../core/model-specs'
import { classColors } from '../core/palette'
import { ExemplarOffer } from './exemplar-offer.svelte'

/** What the exemplar set needs from the rest of the app: opening images and the project. */
export interface ExemplarLinks {
  /** Opens an image by absolute path (null when it cannot be opened; the error is shown). */
  openImage(path: string): Promise<ReferenceImage | null>
  /** The open project's folder, to find images by key; null without a project. */
  folder(): { projectId: string; imagesDir: string } | null
  /** Saves the set with the project (`prompts.owlv2`). */
  persist(projectId: string, saved: unknown): void
  /** The project's class list: an example's class joins it, and is drawn in its colour. */
  classes?: { register(names: readonly string[]): void; colors(): ReadonlyMap<string, string> }
}

/** Resolves a typed key (inside the project's folder) or an absolute path. */
export function resolveImage(
  text: string,
  imagesDir: string | null,
): { path: string; key: string | null } {
  const clean = text.trim()
  const absolute =
    clean.startsWith('/') || /^[A-Za-z]:[\\/]/.test(clean) || clean.startsWith('\\\\')
  if (absolute || imagesDir === null) return { path: clean, key: null }
  const key = clean.replace(/\\/g, '/').replace(/^\.\//, '')
  return { path: `${imagesDir.replace(/[\\/]+$/, '')}/${key}`, key }
}

/**
 * The OwlV2 exemplar set: reference images from the folder or elsewhere, with example and
 * counter-example boxes, reused on any image and in batch runs and saved with the project.
 */
export class ExemplarState {
  references = $state.raw<ExemplarSet>([])
  /** Class and sign of the next box drawn. */
  className = $state('')
  negative = $state(false)
  #confidence = $state<number | null>(DEFAULT_OWLV2_CONFIDENCE)
  /** The builder dialog, the reference it shows, its tool and selection. */
  builderOpen = $state(false)
  activeId = $state<string | null>(null)
  drawing = $state(false)
  selection = $state.raw<readonly string[]>([])
  adding = $state(false)

  readonly #defaults: () => ModelDefaults
  #links = $state.raw<ExemplarLinks | null>(null)
  #restoredFor: string | null = null

  readonly classes = $derived(exemplarClasses(this.references))
  readonly colors = $derived(this.#links?.classes?.colors() ?? classColors(this.classes))
  readonly hasCounterExamples = $derived(hasCounterExamples(this.references))
  /** Classes with only counter-examples: the set cannot be sent until each has an example. */
  readonly counterOnly = $derived(counterOnlyClasses(this.references))
  /** The dialog that lists an image's reviewed boxes before they are added. */
  readonly offer = new ExemplarOffer({
    set: () => this.references,
    add: (image, key, boxes) => this.addWithBoxes(image, key, boxes),
  })
  readonly boxCount = $derived(this.references.reduce((n, ref) => n + ref.boxes.length, 0))
  readonly active = $derived(this.references.find((r) => r.image.id === this.activeId) ?? null)
  readonly drawBlocker = $derived(
    this.className.trim() === '' ? 'Type the class of the examples, then draw.' : null,
  )

  constructor(defaults: () => ModelDefaults) {
    this.#defaults = defaults
  }

  /** The score cut sent to the server; saved with the set when the user changes it. */
  get confidence(): number | null {
    return this.#confidence
  }

  set confidence(value: number | null) {
    this.#confidence = value
    this.persist()
  }

  /** Read through ModelState's derived outcome, which caches it. */
  get outcome(): SpecOutcome {
    return buildOwlv2Spec({
      references: this.references,
      confidence: this.confidence,
      versionId: this.#defaults().owlv2VersionId,
    })
  }

  /** Links the set to the app and restores it whenever a project opens; returns the stop. */
  connect(
    links: ExemplarLinks,
    project: () => { id: string; prompts: Record<string, unknown> } | null,
  ): () => void {
    this.#links = links
    return $effect.root(() => {
      $effect(() => {
        const info = project()
        if (info) untrack(() => void this.restore(info.id, info.prompts['owlv2']))
      })
    })
  }

  openBuilder(): void {
    this.builderOpen = true
    this.activeId ??= this.references[0]?.image.id ?? null
  }

  closeBuilder(): void {
    this.builderOpen = false
    this.drawing = false
  }

  startDrawing(): void {
    if (this.drawBlocker === null && this.active) this.drawing = true
  }

  stopDrawing(): void {
    this.drawing = false
  }

  toggleDrawing(): void {
    if (this.drawing) this.stopDrawing()
    else this.startDrawing()
  }

  show(imageId: string): void {
    this.activeId = imageId
    this.selection = []
  }

  /** Adds a reference by key in the project's folder or by absolute path, and shows it. */
  async addImage(text: string): Promise<boolean> {
    const links = this.#links
    if (!links || text.trim() === '') return false
    const { path, key } = resolveImage(text, links.folder()?.imagesDir ?? null)
    this.adding = true
    try {
      const image = await links.openImage(path)
      if (!image) return false
      this.addOpened(image, key)
      return true
    } finally {
      this.adding = false
    }
  }

  /** Makes an image already opened (e.g. the one on the canvas) a reference, and shows it. */
  addOpened(image: ReferenceImage, key: string | null): void {
    this.#change(addReference(this.references, image, key))
    this.show(image.id)
  }

  /**
   * Makes an image a reference with the boxes it already has (imported or reviewed labels become
   * examples, boxes a person rejected become counter-examples of their class), and shows it.
   */
  addWithBoxes(
    image: ReferenceImage,
    key: string | null,
    boxes: readonly Omit<Exemplar, 'id'>[],
  ): void {
    let next = addReference(this.references, image, key)
    for (const box of boxes) {
      next = addExemplar(next, image, { id: crypto.randomUUID(), ...box }, key)
    }
    this.#change(next)
    this.show(image.id)
  }

  /** Adds a box drawn on the shown reference with the current class and sign. */
  add(box: Box): Exemplar | null {
    const ref = this.active
    const className = this.className.trim().replace(/\s+/g, ' ')
    if (!ref || className === '') return null
    const exemplar: Exemplar = { id: crypto.randomUUID(), box, className, negative: this.negative }
    this.#change(addExemplar(this.references, ref.image, exemplar, ref.key))
    this.selection = [exemplar.id]
    return exemplar
  }

  /** Opens the builder on a class's counter-examples, selected, ready to draw an example of it. */
  showCounterExamples(className: string): void {
    const found = counterExamplesOf(this.references, className)
    if (!found) return
    this.openBuilder()
    this.show(found.imageId)
    this.selection = found.ids
    this.className = className
    this.negative = false
  }

  removeCounterExamples(className: string): void {
    this.#change(removeCounterExamples(this.references, className))
    this.selection = this.selection.filter((id) => this.active?.boxes.some((b) => b.id === id))
  }

  update(imageId: string, exemplarId: string, change: Partial<Omit<Exemplar, 'id'>>): void {
    this.#change(updateExemplar(this.references, imageId, exemplarId, change))
  }

  remove(imageId: string, exemplarId: string): void {
    this.#change(removeExemplar(this.references, imageId, exemplarId))
    this.selection = this.selection.filter((id) => id !== exemplarId)
  }

  removeReference(imageId: string): void {
    this.#change(removeReference(this.references, imageId))
    if (this.activeId === imageId) this.show(this.references[0]?.image.id ?? '')
  }

  boxesOn(imageId: string | undefined): readonly Exemplar[] {
    return imageId === undefined ? [] : exemplarsOn(this.references, imageId)
  }

  /** Saves the set and its confidence with the open project. */
  persist(): void {
    const folder = this.#links?.folder()
    if (folder)
      this.#links?.persist(folder.projectId, saveExemplarSet(this.references, this.confidence))
  }

  /** Loads the set saved with a project, once per project opened; images are opened again. */
  async restore(projectId: string, saved: unknown): Promise<void> {
    if (!this.#links || this.#restoredFor === projectId) return
    this.#restoredFor = projectId
    const set = readExemplarSet(saved)
    if (!set) return
    const { next } = await this.#open(set)
    this.references = next
    this.#confidence = set.confidence
    this.activeId = next[0]?.image.id ?? null
  }

  /**
   * Replaces the set with another one (a prompt lab candidate's) and saves it with the project;
   * answers the references whose image could not be opened.
   */
  async load(set: SavedExemplarSet): Promise<string[]> {
    const { next, missing } = await this.#open(set)
    this.#confidence = set.confidence
    this.#change(next)
    this.activeId = next[0]?.image.id ?? null
    this.selection = []
    return missing
  }

  /** Opens a saved set's images (project images by key) and rebuilds the set with fresh ids. */
  async #open(set: SavedExemplarSet): Promise<{ next: ExemplarSet; missing: string[] }> {
    const links = this.#links
    const imagesDir = links?.folder()?.imagesDir ?? null
    let next: ExemplarSet = []
    const missing: string[] = []
    for (const ref of set.references) {
      const path =
        ref.key !== null && imagesDir !== null ? resolveImage(ref.key, imagesDir).path : ref.path
      const image = links ? await links.openImage(path) : null
      if (!image) {
        missing.push(ref.key ?? ref.path)
        continue
      }
      next = addReference(next, image, ref.key)
      for (const box of restoredBoxes(ref.boxes, () => crypto.randomUUID())) {
        next = addExemplar(next, image, box, ref.key)
      }
    }
    return { next, missing }
  }

  #change(next: ExemplarSet): void {
    this.references = next
    this.#links?.classes?.register(exemplarClasses(next))
    this.persist()
  }
}
