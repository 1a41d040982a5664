import { isKept, type AnnotationBox } from '../../../shared/annotations'
import {
  counterOnlyClasses,
  type Exemplar,
  type ExemplarSet,
  type ReferenceImage,
} from './exemplars'

/** A reviewed box offered as an example or counter-example, named by the box it comes from. */
export interface OfferedExample extends Omit<Exemplar, 'id'> {
  sourceId: string
}

/**
 * An image's reviewed boxes as OwlV2 examples: its labels (drawn, accepted, edited) as examples,
 * the boxes a person rejected as counter-examples of their class; pending suggestions are left out.
 */
export function examplesFromBoxes(boxes: readonly AnnotationBox[]): OfferedExample[] {
  return boxes
    .filter((b) => isKept(b) || b.state === 'rejected')
    .map((b) => ({
      sourceId: b.id,
      box: b.box,
      className: b.className,
      negative: b.state === 'rejected',
    }))
}

/** The boxes offered for one class, examples apart from counter-examples. */
export interface OfferGroup {
  className: string
  examples: OfferedExample[]
  counterExamples: OfferedExample[]
}

/** Offered boxes grouped by class, classes in the order first listed. */
export function groupOffer(offered: readonly OfferedExample[]): OfferGroup[] {
  const groups: OfferGroup[] = []
  for (const item of offered) {
    let group = groups.find((g) => g.className === item.className)
    if (!group) {
      group = { className: item.className, examples: [], counterExamples: [] }
      groups.push(group)
    }
    ;(item.negative ? group.counterExamples : group.examples).push(item)
  }
  return groups
}

/** The offered boxes still ticked, in their order. */
export function pickOffer(
  offered: readonly OfferedExample[],
  ticked: readonly string[],
): OfferedExample[] {
  return offered.filter((item) => ticked.includes(item.sourceId))
}

/** "Add 3 examples and 1 counter-example"; null when nothing is ticked. */
export function describeAddition(picked: readonly OfferedExample[]): string | null {
  const counter = picked.filter((item) => item.negative).length
  const examples = picked.length - counter
  const parts = [
    examples > 0 ? `${examples} ${examples === 1 ? 'example' : 'examples'}` : '',
    counter > 0 ? `${counter} ${counter === 1 ? 'counter-example' : 'counter-examples'}` : '',
  ].filter((part) => part !== '')
  return parts.length === 0 ? null : `Add ${parts.join(' and ')}`
}

/** Classes that adding the picked boxes would leave with only counter-examples in the set. */
export function counterOnlyAfter(
  set: ExemplarSet,
  image: ReferenceImage,
  picked: readonly OfferedExample[],
): string[] {
  const boxes = picked.map(({ sourceId, ...rest }) => ({ id: sourceId, ...rest }))
  return counterOnlyClasses([...set, { image, key: null, boxes }])
}

/** What a class left with only counter-examples means, and the fix the dialog offers for it. */
export function counterOnlyAdvice(
  className: string,
  offered: readonly OfferedExample[],
  ticked: readonly string[],
): string {
  const untickedExample = offered.some(
    (item) => !item.negative && item.className === className && !ticked.includes(item.sourceId),
  )
  const fix = untickedExample
    ? `Tick an example of "${className}", or untick its counter-examples.`
    : `Untick its counter-examples, or draw an example of "${className}" after adding.`
  return `"${className}" would have only counter-examples: OwlV2 needs at least one example of a class to look for it, so Detect would stay blocked. ${fix}`
}
