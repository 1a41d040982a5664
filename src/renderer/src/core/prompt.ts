import type { PromptMapping } from '../../../shared/contract'

/** The Grounding DINO knobs the user edits; they outlive any one image. */
export interface PromptSettings {
  classesText: string
  boxThreshold: number
  textThreshold: number
  classAgnosticNms: boolean
}

/** Defaults of the Roboflow Grounding DINO route, so an untouched form matches the server's own. */
export const DEFAULT_PROMPT: PromptSettings = {
  classesText: '',
  boxThreshold: 0.35,
  textThreshold: 0.25,
  classAgnosticNms: false,
}

/** Limits of the contract's grounding-dino spec, repeated here to warn before the call. */
export const MAX_CLASSES = 200
export const MAX_CLASS_LENGTH = 200

/** Splits "dog, person,  backpack" into class names: trimmed, no blanks, first spelling wins. */
export function parseClasses(text: string): string[] {
  const seen = new Set<string>()
  const classes: string[] = []
  for (const part of text.split(/[,\n]/)) {
    const name = part.trim().replace(/\s+/g, ' ')
    const key = name.toLowerCase()
    if (name === '' || seen.has(key)) continue
    seen.add(key)
    classes.push(name)
  }
  return classes
}

/** A plain sentence on why the class list cannot be sent, or null when it can. */
export function classesProblem(classes: readonly string[]): string | null {
  if (classes.length === 0) return 'Enter at least one class, e.g. "dog, person".'
  if (classes.length > MAX_CLASSES) return `Use at most ${MAX_CLASSES} classes.`
  const long = classes.find((name) => name.length > MAX_CLASS_LENGTH)
  if (long !== undefined) return `Class names can be at most ${MAX_CLASS_LENGTH} characters.`
  return null
}

/** Keeps a threshold inside 0..1; a blank or garbled field falls back to the given default. */
export function clampThreshold(value: number, fallback: number): number {
  if (!Number.isFinite(value)) return fallback
  return Math.min(1, Math.max(0, value))
}

/** The pairs whose prompt text differs from the class shown: the only ones worth telling the user. */
export function changedMappings(mapping: readonly PromptMapping[]): PromptMapping[] {
  return mapping.filter((pair) => pair.prompt !== pair.className)
}

/** One line such as `"a dog" → dog, "person" → people`. */
export function describeMapping(mapping: readonly PromptMapping[]): string {
  return mapping.map((pair) => `"${pair.prompt}" → ${pair.className}`).join(', ')
}
