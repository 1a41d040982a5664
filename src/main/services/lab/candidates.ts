import { z } from 'zod'
import { AppError } from '../../../shared/errors'
import {
  candidateName,
  labCutSchema,
  labModelSchema,
  type LabCandidate,
  type LabCut,
  type LabModel,
} from '../../../shared/lab'

const candidateSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: candidateName,
  model: labModelSchema,
  cut: labCutSchema,
  createdAt: z.string(),
})

/** `<projectDir>/lab/candidates.json`: a project's saved prompt lab candidates, in saving order. */
export const candidatesFileSchema = z.strictObject({
  version: z.literal(1),
  candidates: z.array(candidateSchema),
})
export type CandidatesFile = z.infer<typeof candidatesFileSchema>

export interface CandidateInput {
  id?: string | undefined
  name: string
  model: LabModel
  cut: LabCut
}

const sameName = (a: string, b: string): boolean =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase()

/**
 * Adds a candidate (a new id when it has none, or an id not saved yet) or replaces the one with its
 * id, keeping its place and creation time. Names are unique per project, whatever their case.
 */
export function upsertCandidate(
  list: readonly LabCandidate[],
  input: CandidateInput,
  make: { id: () => string; now: () => string },
): LabCandidate[] {
  const name = input.name.trim()
  const clash = list.find((c) => c.id !== input.id && sameName(c.name, name))
  if (clash !== undefined) {
    throw new AppError(
      'invalid-input',
      `There is already a candidate named "${clash.name}" in this project. Choose another name.`,
    )
  }
  const existing = input.id === undefined ? undefined : list.find((c) => c.id === input.id)
  const saved: LabCandidate = {
    id: existing?.id ?? input.id ?? make.id(),
    name,
    model: input.model,
    cut: input.cut,
    createdAt: existing?.createdAt ?? make.now(),
  }
  return existing === undefined
    ? [...list, saved]
    : list.map((c) => (c.id === existing.id ? saved : c))
}

/** The list without the candidate; an id that is not there changes nothing. */
export function removeCandidate(list: readonly LabCandidate[], id: string): LabCandidate[] {
  return list.filter((c) => c.id !== id)
}

/** The candidates asked for, in the order asked; every one when none is named. */
export function pickCandidates(
  list: readonly LabCandidate[],
  ids: readonly string[],
): LabCandidate[] {
  if (ids.length === 0) return [...list]
  return [...new Set(ids)].map((id) => {
    const found = list.find((c) => c.id === id)
    if (found === undefined) {
      throw new AppError(
        'not-found',
        'One of the candidates asked for is not saved in this project (it may have been deleted).',
        { hint: 'Reload the candidates and try again.' },
      )
    }
    return found
  })
}
