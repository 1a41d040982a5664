import { internalError } from './errors'
import { coloursNamedIn, type ColourName } from './palette'
import type { Detection } from './predictions'
import { regionStrength, type Region } from './regions'

function detectionOf(
  region: Region,
  confidence: number,
  className: string,
  classId: number,
): Detection {
  const { x0, y0, x1, y1 } = region
  return { x0, y0, x1, y1, confidence, className, classId }
}

/** How BERT's uncased tokenizer decodes a prompt: lower case, no accents, punctuation split off (§1.4). */
export function bertPhrase(prompt: string): string {
  const text = prompt
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
  return (text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? []).join(' ')
}

export interface GroundingDinoParams {
  boxThreshold: number
  textThreshold: number
}

/** Grounding DINO stand-in: a region answers the most specific prompt naming its colour, then maps like §1.4. */
export function detectGroundingDino(
  regions: Region[],
  text: string[],
  params: GroundingDinoParams,
): Detection[] {
  const colours = text.map((prompt) => coloursNamedIn(prompt))
  const words = text.map((prompt) => bertPhrase(prompt).split(' ').length)
  const detections: Detection[] = []
  for (const region of regions) {
    let chosen = -1
    colours.forEach((named, index) => {
      if (
        named.includes(region.colour) &&
        (chosen < 0 || (words[index] as number) > (words[chosen] as number))
      )
        chosen = index
    })
    if (chosen < 0) continue
    const confidence = 0.35 + 0.6 * regionStrength(region)
    if (confidence < params.boxThreshold) continue
    const phrase = confidence > params.textThreshold ? bertPhrase(text[chosen] as string) : ''
    const classId = text.findIndex((prompt) => phrase.includes(prompt))
    if (classId < 0) throw internalError()
    detections.push(detectionOf(region, confidence, text[classId] as string, classId))
  }
  return detections
}

/** A hosted/custom model whose classes are colour names; confidence grows with region size. */
export function detectLegacy(
  regions: Region[],
  classes: string[],
  confidence: number,
): Detection[] {
  const detections: Detection[] = []
  for (const region of regions) {
    const classId = classes.indexOf(region.colour)
    if (classId < 0) continue
    const score = 0.3 + 0.69 * regionStrength(region)
    if (score >= confidence) detections.push(detectionOf(region, score, region.colour, classId))
  }
  return detections
}

/** Moondream2 detect(object): every region of the colour the prompt names, confidence 1.0 (§1.6). */
export function detectMoondream(regions: Region[], prompt: string): Detection[] {
  const named = coloursNamedIn(prompt)
  return regions
    .filter((region) => named.includes(region.colour))
    .map((region) => detectionOf(region, 1, prompt, 0))
}

/** Colours an OWLv2 class was shown, after reference boxes became embeddings (§1.5). */
export interface Owlv2Class {
  name: string
  positives: Set<ColourName>
  negatives: Set<ColourName>
}

/** OWLv2 stand-in; a hit whose colour is also a negative of its class is dropped, as in the legacy backend (§1.5). */
export function detectOwlv2(
  regions: Region[],
  classes: Owlv2Class[],
  confidence: number,
): Detection[] {
  const detections: Detection[] = []
  for (const region of regions) {
    classes.forEach((cls, classId) => {
      if (!cls.positives.has(region.colour) || cls.negatives.has(region.colour)) return
      const score = 0.99 + 0.0099 * regionStrength(region)
      if (score >= confidence) detections.push(detectionOf(region, score, cls.name, classId))
    })
  }
  return detections
}
