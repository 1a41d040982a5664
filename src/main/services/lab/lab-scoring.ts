import type { LabCut, LabImageDetections, LabModel, LabScore } from '../../../shared/lab'
import type { AnswerCache } from './answer-cache'
import { imageDetections } from './image-detections'
import { keyedReferences, truthFiles, type LabProject, type LabProjects } from './lab-project'
import { CandidatePlans, scoreCandidate } from './lab-score'
import { summariseTruth, type TruthImage } from './truth'

/** A candidate to score: a saved one, or one made up on the spot (the command line). */
export interface LabEntry {
  id: string
  model: LabModel
  cut: LabCut
}

/** Each image's plan and answer key for a model, at the upload settings of the latest run. */
async function plansFor(
  projects: LabProjects,
  lab: LabProject,
  cache: AnswerCache,
  model: LabModel,
): Promise<CandidatePlans | null> {
  const references = await keyedReferences(projects, lab, model)
  const upload = cache.settings
  return references === null || upload === null
    ? null
    : new CandidatePlans(model, references, upload)
}

/**
 * Gathers what scoring needs (the images' current content hashes, the cached answers) and scores
 * each candidate. Reads no image file it does not know the hash of, and sends no request.
 */
export async function scoreEntries(
  projects: LabProjects,
  lab: LabProject,
  input: {
    entries: readonly LabEntry[]
    iou: number
    images: readonly TruthImage[]
    classOrder: readonly string[]
  },
): Promise<LabScore> {
  const { images, iou } = input
  const truth = summariseTruth(images, input.classOrder)
  const [cache, hashes] = await Promise.all([lab.cache, lab.hashes])
  const files = truthFiles(projects, lab.projectId, images)
  const known = await Promise.all(files.map((f) => hashes.known(f.path)))
  const shas = new Map(files.map((f, i) => [f.key, known[i] ?? null]))
  const truthClasses = truth.classes.map((c) => c.className)
  const candidates = []
  for (const entry of input.entries) {
    candidates.push(
      scoreCandidate({
        candidateId: entry.id,
        model: entry.model,
        cut: entry.cut,
        iou,
        truth: images,
        truthClasses,
        shaOf: (key) => shas.get(key) ?? null,
        plans: await plansFor(projects, lab, cache, entry.model),
        answer: (key) => cache.get(key),
      }),
    )
  }
  return { truth, iou, candidates }
}

/** One candidate's cached boxes on one image at a cut (see imageDetections). */
export async function detectionsOn(
  projects: LabProjects,
  lab: LabProject,
  input: { entry: LabEntry; key: string; images: readonly TruthImage[] },
): Promise<LabImageDetections> {
  const [cache, hashes] = await Promise.all([lab.cache, lab.hashes])
  const { entry, key } = input
  return imageDetections({
    candidate: entry,
    cut: entry.cut,
    key,
    inTruth: input.images.some((image) => image.key === key),
    sha: await hashes.known(projects.imagePath(lab.projectId, key)),
    plans: await plansFor(projects, lab, cache, entry.model),
    answer: (answerKey) => cache.get(answerKey),
  })
}
