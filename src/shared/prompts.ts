import type { PromptMapping } from './contract'
import { AppError } from './errors'

/** A class whose prompt came out identical to an earlier class's prompt, so it was merged into it. */
export interface MergedClass {
  className: string
  prompt: string
  mergedInto: string
}

export interface GroundingDinoPrompts {
  /** Prompts in the order they must be sent (most specific first). */
  prompts: string[]
  /** One entry per prompt, in the same order: prompt sent -> class shown. */
  mapping: PromptMapping[]
  /** Classes that could not be told apart from an earlier class once sanitised. */
  merged: MergedClass[]
}

/**
 * Sanitises one class name into a prompt the server can match back (§1.4, §6.4): the model
 * lowercases and BERT-decodes its phrases, so capitals, accents and punctuation never match.
 */
export function sanitisePrompt(className: string): string {
  return className
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Turns the user's class names into Grounding DINO prompts that cannot trip the server's
 * unmatched-phrase 500 (§1.4): sanitised, distinct, and ordered so no prompt steals another's matches.
 */
export function buildGroundingDinoPrompts(classes: string[]): GroundingDinoPrompts {
  const mapping: PromptMapping[] = []
  const merged: MergedClass[] = []
  for (const className of classes) {
    const prompt = sanitisePrompt(className)
    if (prompt === '') {
      throw new AppError(
        'invalid-input',
        `The class "${className}" has no letters or digits, so it cannot be sent as a prompt.`,
        { hint: 'Rename the class using words, for example "traffic light".' },
      )
    }
    const earlier = mapping.find((m) => m.prompt === prompt)
    if (earlier === undefined) mapping.push({ prompt, className })
    else if (earlier.className !== className) {
      merged.push({ className, prompt, mergedInto: earlier.className })
    }
  }
  const ordered = orderMostSpecificFirst(mapping)
  return { prompts: ordered.map((m) => m.prompt), mapping: ordered, merged }
}

/**
 * Stable topological order where a prompt containing another as a substring comes first: the
 * server gives each phrase to the first prompt that is a substring of it (§1.4, "hot dog" vs "dog").
 */
function orderMostSpecificFirst(entries: PromptMapping[]): PromptMapping[] {
  const n = entries.length
  const prompts = entries.map((e) => e.prompt)
  const blockers = prompts.map((p, j) => prompts.filter((q, i) => i !== j && q.includes(p)).length)
  const placed = new Array<boolean>(n).fill(false)
  const out: PromptMapping[] = []
  for (let k = 0; k < n; k++) {
    const next = blockers.findIndex((count, i) => count === 0 && !placed[i])
    placed[next] = true
    out.push(entries[next] as PromptMapping)
    prompts.forEach((p, j) => {
      if (j !== next && (prompts[next] as string).includes(p)) blockers[j] = (blockers[j] ?? 0) - 1
    })
  }
  return out
}

/**
 * The class a returned prompt stands for; the server echoes the prompt exactly (§1.4), so an
 * unknown prompt falls back to itself rather than dropping the detection.
 */
export function mapPromptToClass(prompt: string, mapping: PromptMapping[]): string {
  const exact = mapping.find((m) => m.prompt === prompt)
  if (exact !== undefined) return exact.className
  const sanitised = sanitisePrompt(prompt)
  return mapping.find((m) => m.prompt === sanitised)?.className ?? prompt
}
