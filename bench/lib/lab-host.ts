import type { Services } from '../../src/main/services'
import { ProjectStore } from '../../src/main/services/projects/project-store'
import type { AnnotationBox } from '../../src/shared/annotations'
import type { LabCandidate, LabFinished } from '../../src/shared/lab'
import type { ProjectInfo } from '../../src/shared/project'
import type { ShapesFile } from './image-sets'
import { call } from './services-host'

/**
 * Writes a project whose every image is reviewed: each drawn shape a person's label, except every
 * `rejectEvery`-th, which is a suggestion the person rejected (a known false positive).
 */
export async function writeReviewedProject(
  projectDir: string,
  imagesDir: string,
  files: readonly ShapesFile[],
  size: { width: number; height: number },
  rejectEvery = 5,
): Promise<{ truthBoxes: number; rejected: number }> {
  const store = await ProjectStore.openOrCreate(projectDir, imagesDir)
  let truthBoxes = 0
  let rejected = 0
  let n = 0
  for (const file of files) {
    const boxes: AnnotationBox[] = file.truth.map((shape, i) => {
      const box = { x: shape.x, y: shape.y, width: shape.width, height: shape.height }
      const reject = ++n % rejectEvery === 0
      if (reject) rejected++
      else truthBoxes++
      return reject
        ? {
            id: `${file.key}-${i}`,
            className: shape.colour,
            box,
            confidence: 0.5,
            source: 'model',
            state: 'rejected',
          }
        : {
            id: `${file.key}-${i}`,
            className: shape.colour,
            box,
            confidence: null,
            source: 'user',
            state: 'accepted',
          }
    })
    await store.writeAnnotations({ key: file.key, ...size, boxes, lastRun: null })
  }
  await store.flush()
  return { truthBoxes, rejected }
}

export async function saveCandidates(
  services: Services,
  projectId: string,
  models: readonly { name: string; model: Record<string, unknown> }[],
): Promise<LabCandidate[]> {
  let list: LabCandidate[] = []
  for (const { name, model } of models) {
    list = await call<LabCandidate[]>(services, 'lab.saveCandidate', {
      projectId,
      name,
      model,
      cut: { global: 0.5 },
    })
  }
  return list
}

/** Runs the lab and resolves with its 'lab.finished' event and the wall time it took. */
export async function runLabTimed(
  services: Services,
  project: ProjectInfo,
  candidateIds: string[],
  concurrency: number,
): Promise<{ finished: LabFinished; seconds: number }> {
  let stop = (): void => {}
  const started = performance.now()
  const finished = new Promise<LabFinished>((resolve) => {
    stop = services.events.subscribe('lab.finished', (event) => {
      if (event.projectId === project.id) resolve(event)
    })
  })
  try {
    await call(services, 'lab.run', { projectId: project.id, candidateIds, concurrency })
    const event = await finished
    return { finished: event, seconds: (performance.now() - started) / 1000 }
  } finally {
    stop()
  }
}
