import type {
  LabCandidate,
  LabCut,
  LabImageDetections,
  LabScore,
  TruthSummary,
} from '../../../shared/lab'
import { createCandidateStore } from './candidate-store'
import { pickCandidates, type CandidateInput } from './candidates'
import { openLabProject, type LabProject } from './lab-project'
import { createLabJobs, type LabDeps, type LabRunOptions } from './lab-jobs'
import { detectionsOn, scoreEntries, type LabEntry } from './lab-scoring'
import { summariseTruth, type TruthImage } from './truth'

export type { LabEntry } from './lab-scoring'
export type { LabDeps, LabRunOptions } from './lab-jobs'

/** The prompt lab: candidates, the truth set, cached runs and scores (issue 13). */
export function createLabService(deps: LabDeps) {
  const { projects } = deps
  const labs = new Map<string, LabProject>()
  const candidates = createCandidateStore()
  const warn = (message: string, fields: Record<string, unknown>): void =>
    deps.logger.warn(message, fields)
  const unsubscribe = deps.events.subscribe('project.imageStatus', (event) =>
    labs.get(event.projectId)?.truth.changed(event.key),
  )

  function labOf(projectId: string): LabProject {
    let lab = labs.get(projectId)
    if (lab === undefined) labs.set(projectId, (lab = openLabProject(projects, projectId, warn)))
    return lab
  }

  /** The truth set; an index that could not be built is dropped, so the next call tries again. */
  async function truthOf(lab: LabProject, given?: readonly TruthImage[]): Promise<TruthImage[]> {
    if (given !== undefined) return [...given]
    try {
      return await lab.truth.images()
    } catch (error) {
      labs.delete(lab.projectId)
      throw error
    }
  }

  const classOrder = (projectId: string): string[] =>
    projects.storeOf(projectId).file.classes.map((c) => c.name)

  const jobs = createLabJobs(deps, truthOf)
  const start = (projectId: string, entries: readonly LabEntry[], options: LabRunOptions) =>
    jobs.start(labOf(projectId), entries, options)

  const saved = async (projectId: string, ids: readonly string[]): Promise<LabCandidate[]> =>
    pickCandidates(await candidates.list(labOf(projectId).dir), ids)

  /** Scores candidates (saved or not) from the cache, against the project's truth or a given one. */
  async function score(
    projectId: string,
    entries: readonly LabEntry[],
    iou: number,
    given?: readonly TruthImage[],
  ): Promise<LabScore> {
    const lab = labOf(projectId)
    const images = await truthOf(lab, given)
    return scoreEntries(projects, lab, { entries, iou, images, classOrder: classOrder(projectId) })
  }

  return {
    async truth(projectId: string): Promise<TruthSummary> {
      return summariseTruth(await truthOf(labOf(projectId)), classOrder(projectId))
    },
    candidates: (projectId: string): Promise<LabCandidate[]> =>
      candidates.list(labOf(projectId).dir),
    saveCandidate: (projectId: string, input: CandidateInput): Promise<LabCandidate[]> =>
      candidates.save(labOf(projectId).dir, input),
    deleteCandidate: (projectId: string, id: string): Promise<LabCandidate[]> =>
      candidates.remove(labOf(projectId).dir, id),
    async run(input: { projectId: string; candidateIds: string[] } & LabRunOptions) {
      return start(input.projectId, await saved(input.projectId, input.candidateIds), input)
    },
    /** Runs candidates that need not be saved (the command line). */
    runEntries: start,
    cancel: jobs.cancel,
    async score(input: {
      projectId: string
      candidateIds: string[]
      iou: number
      cuts: Record<string, LabCut>
    }): Promise<LabScore> {
      const list = await saved(input.projectId, input.candidateIds)
      const entries = list.map((c) => ({ ...c, cut: input.cuts[c.id] ?? c.cut }))
      return score(input.projectId, entries, input.iou)
    },
    /** Scores candidates that need not be saved, optionally against a truth of their own. */
    scoreEntries: score,
    async detections(input: {
      projectId: string
      candidateId: string
      key: string
      cut?: LabCut | undefined
    }): Promise<LabImageDetections> {
      const lab = labOf(input.projectId)
      const [candidate] = await saved(input.projectId, [input.candidateId])
      const entry = { ...candidate!, cut: input.cut ?? candidate!.cut }
      return detectionsOn(projects, lab, { entry, key: input.key, images: await truthOf(lab) })
    },
    async close(): Promise<void> {
      unsubscribe()
      await jobs.cancelAll()
      for (const lab of labs.values()) await (await lab.cache.catch(() => null))?.close()
      labs.clear()
    },
  }
}

export type LabService = ReturnType<typeof createLabService>
