import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { AppError, isAppError } from '../../../shared/errors'
import type { LabCandidate } from '../../../shared/lab'
import { readJsonValidated, writeJsonAtomic } from '../storage/atomic-file'
import {
  candidatesFileSchema,
  removeCandidate,
  upsertCandidate,
  type CandidateInput,
} from './candidates'

export const candidatesPath = (projectDir: string): string =>
  join(projectDir, 'lab', 'candidates.json')

/**
 * A project's saved candidates on disk, read on every call (the file is small and may have been
 * fixed by hand) and written atomically; changes to one project never overlap. A file that does
 * not read as candidates stops every call with a clear error and is never written over.
 */
export function createCandidateStore() {
  const queues = new Map<string, Promise<unknown>>()

  async function read(projectDir: string): Promise<LabCandidate[]> {
    try {
      const file = await readJsonValidated(
        candidatesPath(projectDir),
        candidatesFileSchema,
        'prompt lab candidates',
      )
      return file?.candidates ?? []
    } catch (error) {
      if (!isAppError(error)) throw error
      throw new AppError(error.code, error.message, {
        hint: 'Fix the file or move it away, then try again; until then no candidate is saved.',
      })
    }
  }

  function change(
    projectDir: string,
    edit: (list: readonly LabCandidate[]) => LabCandidate[],
  ): Promise<LabCandidate[]> {
    const before = queues.get(projectDir) ?? Promise.resolve()
    const next = before.then(async () => {
      const list = edit(await read(projectDir))
      await writeJsonAtomic(candidatesPath(projectDir), { version: 1, candidates: list })
      return list
    })
    queues.set(
      projectDir,
      next.catch(() => undefined),
    )
    return next
  }

  return {
    list: read,
    save: (projectDir: string, input: CandidateInput) =>
      change(projectDir, (list) =>
        upsertCandidate(list, input, { id: randomUUID, now: () => new Date().toISOString() }),
      ),
    remove: (projectDir: string, id: string) =>
      change(projectDir, (list) => removeCandidate(list, id)),
  }
}

export type CandidateStore = ReturnType<typeof createCandidateStore>
