import type { ImageInfo } from '../../../shared/contract'
import type { Box } from '../../../shared/geometry'
import type { Owlv2Spec } from '../../../shared/model-spec'

/** The parts of an opened image a reference needs to be listed, shown and sent again. */
export type ReferenceImage = Pick<ImageInfo, 'id' | 'name' | 'path' | 'width' | 'height' | 'url'>

/** One example (or counter-example) box, in the reference image's oriented pixels. */
export interface Exemplar {
  id: string
  box: Box
  className: string
  negative: boolean
}

export interface ExemplarReference {
  image: ReferenceImage
  /** The image's key when it belongs to the open project's folder (saved by key, so it moves with it). */
  key: string | null
  boxes: readonly Exemplar[]
}

/** Reference images in the order they were picked; replaced as a whole on every change. */
export type ExemplarSet = readonly ExemplarReference[]

/** Limits of the contract's owlv2 spec, repeated here to warn before the call. */
export const MAX_REFERENCES = 50
export const MAX_BOXES_PER_REFERENCE = 500

/** Makes an image a reference (without boxes yet); picking it again changes nothing. */
export function addReference(
  set: ExemplarSet,
  image: ReferenceImage,
  key: string | null = null,
): ExemplarSet {
  if (set.some((ref) => ref.image.id === image.id)) return set
  return [...set, { image: pickReference(image), key, boxes: [] }]
}

/** Adds a box to the image's reference, making the image a reference if it was not one yet. */
export function addExemplar(
  set: ExemplarSet,
  image: ReferenceImage,
  exemplar: Exemplar,
  key: string | null = null,
): ExemplarSet {
  return mapReference(addReference(set, image, key), image.id, (boxes) => [...boxes, exemplar])
}

/** Changes one box (moved, resized, relabelled or flipped between example and counter-example). */
export function updateExemplar(
  set: ExemplarSet,
  imageId: string,
  exemplarId: string,
  change: Partial<Omit<Exemplar, 'id'>>,
): ExemplarSet {
  return mapReference(set, imageId, (boxes) =>
    boxes.map((b) => (b.id === exemplarId ? { ...b, ...change } : b)),
  )
}

/** Removes one box; the image stays a reference until it is removed itself. */
export function removeExemplar(set: ExemplarSet, imageId: string, exemplarId: string): ExemplarSet {
  return mapReference(set, imageId, (boxes) => boxes.filter((b) => b.id !== exemplarId))
}

export function removeReference(set: ExemplarSet, imageId: string): ExemplarSet {
  return set.filter((ref) => ref.image.id !== imageId)
}

export function exemplarsOn(set: ExemplarSet, imageId: string): readonly Exemplar[] {
  return set.find((ref) => ref.image.id === imageId)?.boxes ?? []
}

/** Class names in the order they were first drawn, counter-example-only names included. */
export function exemplarClasses(set: ExemplarSet): string[] {
  const names: string[] = []
  for (const ref of set) {
    for (const box of ref.boxes) if (!names.includes(box.className)) names.push(box.className)
  }
  return names
}

export function hasCounterExamples(set: ExemplarSet): boolean {
  return set.some((ref) => ref.boxes.some((box) => box.negative))
}

/** A plain sentence on why the set cannot be sent, or null when it can. */
export function exemplarProblem(set: ExemplarSet): string | null {
  const used = set.filter((ref) => ref.boxes.length > 0)
  if (used.length === 0) return 'Draw at least one example box on a reference image.'
  if (used.length > MAX_REFERENCES) return `Use at most ${MAX_REFERENCES} reference images.`
  const crowded = used.find((ref) => ref.boxes.length > MAX_BOXES_PER_REFERENCE)
  if (crowded)
    return `"${crowded.image.name}" has more than ${MAX_BOXES_PER_REFERENCE} example boxes.`
  // A class with only counter-examples makes the server fail with a 500 (inference-api.md §1.5).
  const lonely = counterOnlyClasses(used)[0]
  if (lonely !== undefined)
    return `"${lonely}" has only counter-examples, so OwlV2 has nothing to look for: add an example of "${lonely}" or remove its counter-examples.`
  return null
}

/** Classes drawn only as counter-examples, in the order first drawn; the set cannot be sent. */
export function counterOnlyClasses(set: ExemplarSet): string[] {
  const positives = new Set(
    set.flatMap((ref) => ref.boxes.filter((b) => !b.negative).map((b) => b.className)),
  )
  return exemplarClasses(set).filter((name) => !positives.has(name))
}

/** Every counter-example of a class, on every reference: one of the fixes of a lonely class. */
export function removeCounterExamples(set: ExemplarSet, className: string): ExemplarSet {
  return set.map((ref) => ({
    ...ref,
    boxes: ref.boxes.filter((b) => !(b.negative && b.className === className)),
  }))
}

/** The first reference holding counter-examples of a class, with their ids, to show them. */
export function counterExamplesOf(
  set: ExemplarSet,
  className: string,
): { imageId: string; ids: string[] } | null {
  for (const ref of set) {
    const ids = ref.boxes.filter((b) => b.negative && b.className === className).map((b) => b.id)
    if (ids.length > 0) return { imageId: ref.image.id, ids }
  }
  return null
}

/** The references exactly as the owlv2 spec takes them; images without boxes are left out. */
export function toOwlv2References(set: ExemplarSet): Owlv2Spec['references'] {
  return set
    .filter((ref) => ref.boxes.length > 0)
    .map((ref) => ({
      imageId: ref.image.id,
      boxes: ref.boxes.map(({ box, className, negative }) => ({ box, className, negative })),
    }))
}

function mapReference(
  set: ExemplarSet,
  imageId: string,
  change: (boxes: readonly Exemplar[]) => readonly Exemplar[],
): ExemplarSet {
  return set.map((ref) => (ref.image.id === imageId ? { ...ref, boxes: change(ref.boxes) } : ref))
}

function pickReference(image: ReferenceImage): ReferenceImage {
  const { id, name, path, width, height, url } = image
  return { id, name, path, width, height, url }
}

/** What the canvas needs to draw one example box. */
export interface ExemplarItem {
  id: string
  box: Box
  color: string
  label: string
  negative: boolean
}

/** Example boxes as drawn: "+ red" for an example, "− red" for a counter-example. */
export function toExemplarItems(
  exemplars: readonly Exemplar[],
  colors: ReadonlyMap<string, string>,
  fallback: string,
): ExemplarItem[] {
  return exemplars.map(({ id, box, className, negative }) => ({
    id,
    box,
    color: colors.get(className) ?? fallback,
    label: `${negative ? '−' : '+'} ${className}`,
    negative,
  }))
}
