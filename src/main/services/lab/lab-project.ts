import { resolve } from 'node:path'
import { AppError, isAppError } from '../../../shared/errors'
import type { LabModel, LabReference } from '../../../shared/lab'
import type { ProjectService } from '../projects/project-service'
import { AnswerCache } from './answer-cache'
import { ImageHashes } from './image-hashes'
import type { KeyedReference, SentReference } from './lab-request'
import type { TruthImage } from './truth'
import { TruthIndex } from './truth-index'

/** What the lab needs of the project service. */
export type LabProjects = Pick<ProjectService, 'dirOf' | 'storeOf' | 'allKeys' | 'imagePath'>

/** The lab's state of one open project: its truth index, its answer cache, its image hashes. */
export interface LabProject {
  projectId: string
  dir: string
  truth: TruthIndex
  cache: Promise<AnswerCache>
  hashes: Promise<ImageHashes>
  /** The run going on for this project, if any. */
  jobId: string | null
}

/** Opens a project's lab state: the truth index starts reading at once, the cache loads once. */
export function openLabProject(
  projects: LabProjects,
  projectId: string,
  warn: (message: string, fields: Record<string, unknown>) => void,
): LabProject {
  const dir = projects.dirOf(projectId)
  const truth = new TruthIndex({
    keys: () => projects.allKeys(projectId),
    read: (key) => projects.storeOf(projectId).readAnnotations(key),
    warn,
  })
  const cache = AnswerCache.open(dir)
  const hashes = cache.then((c) => new ImageHashes(c, warn))
  cache.then(
    (c) => {
      if (c.damagedLines.length > 0)
        warn('damaged lines of the prompt lab cache were skipped; their answers are asked again', {
          lines: c.damagedLines.slice(0, 20),
        })
    },
    () => undefined,
  )
  return { projectId, dir, truth, cache, hashes, jobId: null }
}

/** Where a reference's image is: a project image by key, or a file by path. */
function referencePath(projects: LabProjects, projectId: string, ref: LabReference): string {
  return ref.key !== undefined ? projects.imagePath(projectId, ref.key) : resolve(ref.path!)
}

const referenceLabel = (ref: LabReference): string => ref.key ?? ref.path ?? ''

/** A candidate's OwlV2 references by content, for cache keys; null when one cannot be read. */
export async function keyedReferences(
  projects: LabProjects,
  lab: LabProject,
  model: LabModel,
): Promise<KeyedReference[] | null> {
  if (model.kind !== 'owlv2') return []
  const hashes = await lab.hashes
  try {
    return await Promise.all(
      model.references.map(async (ref) => ({
        sha: await hashes.hash(referencePath(projects, lab.projectId, ref)),
        boxes: ref.boxes,
      })),
    )
  } catch {
    return null
  }
}

/** A candidate's OwlV2 references opened for sending; an AppError naming the one that cannot be. */
export async function sentReferences(
  projects: LabProjects,
  lab: LabProject,
  model: LabModel,
  open: (path: string) => Promise<{ id: string }>,
): Promise<SentReference[]> {
  if (model.kind !== 'owlv2') return []
  const hashes = await lab.hashes
  const sent: SentReference[] = []
  for (const ref of model.references) {
    try {
      const path = referencePath(projects, lab.projectId, ref)
      const sha = await hashes.hash(path)
      const image = await open(path)
      sent.push({ sha, imageId: image.id, boxes: ref.boxes })
    } catch (error) {
      const why = isAppError(error) ? error.message : 'it could not be opened.'
      throw new AppError(
        'file-unreadable',
        `The reference image ${referenceLabel(ref)} cannot be used: ${why}`,
        { hint: 'Open the candidate, and remove or replace that reference.' },
      )
    }
  }
  return sent
}

/** The file of each truth image, keyed as the project keys it. */
export function truthFiles(
  projects: LabProjects,
  projectId: string,
  images: readonly TruthImage[],
): { key: string; path: string }[] {
  return images.map((image) => ({ key: image.key, path: projects.imagePath(projectId, image.key) }))
}
