import { readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { Services } from '../main/services'
import type { FittedBox } from './example-bounds'
import { fitExamplesToImage } from './example-bounds'
import { call } from './call'
import { parseCocoExamples } from './coco-examples'
import { FatalError } from './errors'

export interface Reference {
  imageId: string
  boxes: FittedBox[]
}

const SHOWN_PROBLEMS = 20

function invalid(path: string, errors: string[]): FatalError {
  const shown = errors.slice(0, SHOWN_PROBLEMS)
  if (errors.length > shown.length) shown.push(`… and ${errors.length - shown.length} more.`)
  return new FatalError(
    `The examples file ${path} has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}:`,
    {
      details: shown,
    },
  )
}

/** Reads the --examples COCO file and opens its reference images, as OwlV2 references by image id. */
export async function loadExamples(
  services: Pick<Services, 'invoke'>,
  examplesPath: string,
): Promise<Reference[]> {
  const path = resolve(examplesPath)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    throw new FatalError(
      missing
        ? `The examples file ${examplesPath} does not exist.`
        : `Could not read the examples file ${examplesPath}.`,
    )
  }
  const parsed = parseCocoExamples(text, dirname(path))
  if (!parsed.ok) throw invalid(examplesPath, parsed.errors)
  const references: Reference[] = []
  const errors: string[] = []
  for (const image of parsed.images) {
    const opened = await call(services, 'image.open', { path: image.path })
    if (!opened.ok) {
      errors.push(`Reference ${image.label}: ${opened.error.message}`)
      continue
    }
    const fitted = fitExamplesToImage(image, opened.value)
    if (fitted.ok) references.push({ imageId: opened.value.id, boxes: fitted.boxes })
    else errors.push(...fitted.errors)
  }
  if (errors.length > 0) throw invalid(examplesPath, errors)
  return references
}
