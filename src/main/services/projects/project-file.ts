import { z } from 'zod'

export const PROJECT_FORMAT = 1
export const PROJECT_FILE = 'promptlabel-project.json'

const runSchema = z.object({
  runId: z.string(),
  /** Fingerprint of the model settings: a resumed run must use the same ones. */
  runKey: z.string(),
  scope: z.enum(['all', 'new', 'failed', 'selection']),
  model: z.unknown(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type RunRecord = z.infer<typeof runSchema>

export const projectFileSchema = z.object({
  formatVersion: z.number().int().min(1),
  name: z.string().min(1),
  createdAt: z.string(),
  /** Absolute folder the image keys are relative to. */
  imagesDir: z.string().min(1),
  classes: z.array(z.object({ name: z.string().min(1) })),
  profileId: z.string().nullable(),
  /** Where the user was, so reopening returns there. */
  position: z.object({ imageKey: z.string().nullable() }),
  /** Saved prompts and exemplar sets; their shape belongs to the renderer's editors. */
  prompts: z.record(z.string(), z.unknown()),
  runs: z.array(runSchema),
})
export type ProjectFile = z.infer<typeof projectFileSchema>

export function newProjectFile(name: string, imagesDir: string, now: string): ProjectFile {
  return {
    formatVersion: PROJECT_FORMAT,
    name,
    createdAt: now,
    imagesDir,
    classes: [],
    profileId: null,
    position: { imageKey: null },
    prompts: {},
    runs: [],
  }
}

/** Adds class names in first-seen order; existing ones keep their place (stable export ids). */
export function withClasses(project: ProjectFile, names: Iterable<string>): ProjectFile {
  const known = new Set(project.classes.map((c) => c.name))
  const added = [...names].filter((n) => {
    if (known.has(n)) return false
    known.add(n)
    return true
  })
  return added.length === 0
    ? project
    : { ...project, classes: [...project.classes, ...added.map((name) => ({ name }))] }
}
