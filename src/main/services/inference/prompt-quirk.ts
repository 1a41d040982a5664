import { sanitisePrompt } from '../../../shared/prompts'

/** What a Grounding DINO request asked for, to judge its unmatched-phrase 500 by (§1.4). */
export interface PromptSettings {
  prompts: string[]
  boxThreshold: number
  textThreshold: number
}

const quoted = (prompts: string[]): string => prompts.map((p) => `"${p}"`).join(', ')

/**
 * Why these prompts could still trip the server's unmatched-phrase 500 (§1.4), in words; empty when
 * they cannot: sanitised one-word prompts with the text threshold at or below the box threshold.
 */
export function unmatchedPhraseRisks(settings: PromptSettings): string[] {
  const risks: string[] = []
  const raw = settings.prompts.filter((p) => sanitisePrompt(p) !== p)
  if (raw.length > 0) {
    const has = raw.length === 1 ? 'has' : 'have'
    risks.push(`${quoted(raw)} ${has} capitals or punctuation, which never match`)
  }
  const multiWord = settings.prompts.filter((p) => sanitisePrompt(p) === p && p.includes(' '))
  if (multiWord.length > 0) risks.push(`${quoted(multiWord)} may be found only in part`)
  if (settings.textThreshold > settings.boxThreshold) {
    risks.push(
      `the text threshold (${settings.textThreshold}) is above the box threshold (${settings.boxThreshold}), which can leave a phrase empty`,
    )
  }
  return risks
}
