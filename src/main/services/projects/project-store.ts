import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { z } from 'zod'
import type { ImageAnnotations } from '../../../shared/annotations'
import { AppError } from '../../../shared/errors'
import { readJsonValidated, writeJsonAtomic } from '../storage/atomic-file'
import {
  newProjectFile,
  PROJECT_FILE,
  PROJECT_FORMAT,
  projectFileSchema,
  type ProjectFile,
} from './project-file'

const annotationsSchema = z.object({
  key: z.string(),
  width: z.number(),
  height: z.number(),
  boxes: z.array(
    z.object({
      id: z.string(),
      className: z.string(),
      box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
      confidence: z.number().nullable(),
      source: z.enum(['model', 'user']),
      state: z.enum(['suggested', 'accepted', 'rejected', 'edited']),
      runKey: z.string().optional(),
    }),
  ),
  lastRun: z.object({ runKey: z.string(), at: z.string() }).nullable(),
  doneAt: z.string().nullable().optional(),
})

/** Where one image's annotations live: fanned out so no folder holds 100,000 files. */
export function annotationPath(projectDir: string, key: string): string {
  const hash = createHash('sha1').update(key).digest('hex')
  return join(projectDir, 'annotations', hash.slice(0, 2), `${hash}.json`)
}

export const resultLogPath = (projectDir: string): string => join(projectDir, 'results.jsonl')

/** A project folder on disk: its settings file, the results log and one file per annotated image. */
export class ProjectStore {
  readonly dir: string
  #file: ProjectFile
  #saving: Promise<void> = Promise.resolve()
  /** Told the class list after a change that altered it (the open project pushes it to the window). */
  onClassesChanged: ((classes: string[]) => void) | null = null

  private constructor(dir: string, file: ProjectFile) {
    this.dir = dir
    this.#file = file
  }

  /** Opens the project in `dir`, or creates one there for `imagesDir` when none exists yet. */
  static async openOrCreate(dir: string, imagesDir?: string): Promise<ProjectStore> {
    const root = resolve(dir)
    const existing = await ProjectStore.#read(root)
    if (existing) {
      if (imagesDir && resolve(imagesDir) !== existing.imagesDir) {
        throw new AppError(
          'invalid-input',
          `${root} is already a project for the folder ${existing.imagesDir}, not ${resolve(imagesDir)}.`,
          { hint: 'Choose another output folder for a different image folder.' },
        )
      }
      return new ProjectStore(root, existing)
    }
    if (!imagesDir) throw new AppError('not-found', `There is no Promptlabel project in ${root}.`)
    const store = new ProjectStore(
      root,
      newProjectFile(basename(resolve(imagesDir)), resolve(imagesDir), new Date().toISOString()),
    )
    await store.update((f) => f)
    return store
  }

  static async #read(dir: string): Promise<ProjectFile | null> {
    const file = await readJsonValidated(join(dir, PROJECT_FILE), projectFileSchema, 'project')
    if (file && file.formatVersion > PROJECT_FORMAT) {
      throw new AppError(
        'storage-corrupt',
        `The project in ${dir} was saved by a newer version of Promptlabel; it was left as it is.`,
      )
    }
    return file
  }

  get file(): ProjectFile {
    return this.#file
  }

  /**
   * Applies a change and writes the project file atomically; writes never overlap. The change is
   * applied to the file as it is on disk, so what another process wrote meanwhile (the command line
   * importing or annotating into a project the app has open) is kept, not overwritten.
   */
  update(change: (file: ProjectFile) => ProjectFile): Promise<void> {
    const next = this.#saving.then(async () => {
      // A file damaged meanwhile is replaced by ours; one a newer version wrote is left alone.
      const onDisk = await readJsonValidated(
        join(this.dir, PROJECT_FILE),
        projectFileSchema,
        'project',
      ).catch(() => null)
      if (onDisk && onDisk.formatVersion > PROJECT_FORMAT) {
        throw new AppError(
          'storage-corrupt',
          `The project in ${this.dir} was saved meanwhile by a newer version of Promptlabel; this change was not written.`,
        )
      }
      const before = this.#file.classes.map((c) => c.name)
      this.#file = change(onDisk ?? this.#file)
      await writeJsonAtomic(join(this.dir, PROJECT_FILE), this.#file)
      const after = this.#file.classes.map((c) => c.name)
      if (after.length !== before.length || after.some((name, i) => name !== before[i]))
        this.onClassesChanged?.(after)
    })
    this.#saving = next.catch(() => undefined)
    return next
  }

  async readAnnotations(key: string): Promise<ImageAnnotations | null> {
    return readJsonValidated(
      annotationPath(this.dir, key),
      annotationsSchema,
      `annotations of ${key}`,
    )
  }

  async writeAnnotations(doc: ImageAnnotations): Promise<void> {
    await writeJsonAtomic(annotationPath(this.dir, doc.key), doc)
  }

  async flush(): Promise<void> {
    await this.#saving
  }
}

/** Whether a folder holds a project (for "open project" vs "open folder"). */
export async function isProjectDir(dir: string): Promise<boolean> {
  return readFile(join(dir, PROJECT_FILE)).then(
    () => true,
    () => false,
  )
}
