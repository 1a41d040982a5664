import { createHash } from 'node:crypto'
import { join, resolve, sep } from 'node:path'
import { z } from 'zod'
import {
  emptyAnnotations,
  mergeImported,
  type AnnotationBox,
  type ImageAnnotations,
  type ImportMerge,
} from '../../../shared/annotations'
import type { EventMap } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import { clampBox } from '../../../shared/geometry'
import type { ImportMode } from '../../../shared/imports'
import type {
  ImageEntry,
  ImageOrder,
  ImagePage,
  OpenedAnnotations,
  ProjectInfo,
  StatusFilter,
} from '../../../shared/project'
import { needsReview } from '../../../shared/review-status'
import { scanFolder, type ScanReport } from '../batch/folder-scan'
import { readResultLog } from '../batch/result-log'
import type { ImageRegistry } from '../image-registry'
import { JsonlFile, readJsonLines } from '../storage/jsonl-file'
import {
  countBoxes,
  entryFromRecords,
  ImageIndex,
  statusOf,
  type ReviewRecord,
} from './image-index'
import { withClasses } from './project-file'
import { ProjectStore, resultLogPath } from './project-store'
import { createRecentProjects } from './recent-projects'

/** Images listed before `openFolder` answers: enough to fill the filmstrip at once. */
const FIRST_PAGE = 60

const reviewSchema = z.object({
  key: z.string(),
  pending: z.number(),
  kept: z.number(),
  rejected: z.number().optional(),
  ran: z.boolean().optional(),
  done: z.boolean().optional(),
  lowest: z.number().optional(),
  at: z.string(),
})

interface OpenProject {
  id: string
  store: ProjectStore
  index: ImageIndex
  scan: ScanReport
  scanning: boolean
  /** Settles when the folder is listed (or listing failed). */
  scanned: Promise<void>
  reviews: JsonlFile
}

/** One image's imported boxes, in its oriented pixels, and how to fold them in. */
export interface ImportBoxesInput {
  projectId: string
  key: string
  width: number
  height: number
  boxes: readonly AnnotationBox[]
  mode: ImportMode
  dryRun: boolean
}

type Emit = <T extends keyof EventMap>(topic: T, payload: EventMap[T]) => void

/** Opened projects: their image lists with badges, their annotations, and bulk review. */
export function createProjectService(deps: { dataDir: string; images: ImageRegistry; emit: Emit }) {
  const open = new Map<string, OpenProject>()
  const recent = createRecentProjects(deps.dataDir)
  const idOf = (dir: string): string =>
    createHash('sha1').update(resolve(dir)).digest('hex').slice(0, 16)

  function info(project: OpenProject): ProjectInfo {
    const file = project.store.file
    return {
      id: project.id,
      name: file.name,
      dir: project.store.dir,
      imagesDir: file.imagesDir,
      classes: file.classes.map((c) => c.name),
      prompts: file.prompts,
      position: file.position,
      scanning: project.scanning,
      imageCount: project.index.keys.length,
      problems: project.scan.unreadableFolders,
    }
  }

  /** Lists the folder in the background; `firstPage` fires once a first screenful is listed. */
  async function startScan(project: OpenProject, firstPage: () => void): Promise<void> {
    const [{ latest }, reviews] = await Promise.all([
      readResultLog(resultLogPath(project.store.dir)),
      readReviews(project.store.dir),
    ])
    let lastEmit = 0
    for await (const file of scanFolder(project.store.file.imagesDir, project.scan)) {
      project.index.add(entryFromRecords(file.key, latest.get(file.key), reviews.get(file.key)))
      if (project.index.keys.length === FIRST_PAGE) firstPage()
      if (Date.now() - lastEmit > 250) {
        lastEmit = Date.now()
        deps.emit('project.scan', {
          projectId: project.id,
          found: project.index.keys.length,
          done: false,
        })
      }
    }
    project.scanning = false
    deps.emit('project.scan', {
      projectId: project.id,
      found: project.index.keys.length,
      done: true,
    })
  }

  async function readReviews(dir: string): Promise<Map<string, ReviewRecord>> {
    const reviews = new Map<string, ReviewRecord>()
    await readJsonLines(join(dir, 'reviews.jsonl'), (value) => {
      const parsed = reviewSchema.safeParse(value)
      if (parsed.success) reviews.set(parsed.data.key, parsed.data)
      return parsed.success
    })
    return reviews
  }

  async function openStore(store: ProjectStore): Promise<ProjectInfo> {
    const id = idOf(store.dir)
    const existing = open.get(id)
    if (existing) {
      // Opened again (another image of it, a reload): it is still the latest one the user opened.
      await recent.touch({ dir: store.dir, name: store.file.name, imagesDir: store.file.imagesDir })
      return info(existing)
    }
    const project: OpenProject = {
      id,
      store,
      index: new ImageIndex(),
      scan: { images: 0, otherFiles: 0, unreadableFolders: [] },
      scanning: true,
      scanned: Promise.resolve(),
      reviews: await JsonlFile.open(join(store.dir, 'reviews.jsonl')),
    }
    open.set(id, project)
    store.onClassesChanged = (classes) => deps.emit('project.classes', { projectId: id, classes })
    let firstPage = (): void => {}
    const listed = new Promise<void>((resolve) => (firstPage = resolve))
    const scanning = startScan(project, firstPage).catch(() => {
      project.scanning = false
    })
    project.scanned = scanning
    // Answer once a first screenful is listed (or soon, whatever happens); a huge folder keeps listing.
    await Promise.race([scanning, listed, new Promise((r) => setTimeout(r, 300))])
    await recent.touch({ dir: store.dir, name: store.file.name, imagesDir: store.file.imagesDir })
    return info(project)
  }

  function get(projectId: string): OpenProject {
    const project = open.get(projectId)
    if (!project)
      throw new AppError('not-found', 'That project is not open any more. Open it again.')
    return project
  }

  function keyPath(project: OpenProject, key: string): string {
    const root = resolve(project.store.file.imagesDir)
    const path = resolve(root, key)
    if (!path.startsWith(root + sep))
      throw new AppError('invalid-input', 'That image is outside the project folder.')
    return path
  }

  async function record(project: OpenProject, doc: ImageAnnotations): Promise<ImageEntry> {
    const { rejected, ...counts } = countBoxes(doc)
    const ran = doc.lastRun !== null
    const done = Boolean(doc.doneAt)
    const entry: ImageEntry = {
      key: doc.key,
      status: statusOf({ ...counts, rejected }, { ran, failed: false, done }),
      ...counts,
      ...(done ? { done } : {}),
    }
    project.index.set(entry)
    await project.reviews.append({
      key: doc.key,
      ...counts,
      rejected,
      ran,
      done,
      at: new Date().toISOString(),
    })
    deps.emit('project.imageStatus', { projectId: project.id, ...entry })
    return entry
  }

  /** Appends the classes of `boxes` the project's list lacks, in the order they first appear. */
  async function ensureListed(
    project: OpenProject,
    boxes: readonly { className: string }[],
  ): Promise<void> {
    const names = new Set(boxes.map((b) => b.className))
    const listed = new Set(project.store.file.classes.map((c) => c.name))
    if ([...names].some((n) => !listed.has(n)))
      await project.store.update((f) => withClasses(f, names))
  }

  return {
    async openFolder(input: { imagesDir: string; projectDir?: string }): Promise<ProjectInfo> {
      const imagesDir = resolve(input.imagesDir)
      const dir = input.projectDir ?? join(deps.dataDir, 'projects', idOf(imagesDir))
      return openStore(await ProjectStore.openOrCreate(dir, imagesDir))
    },
    async open(projectDir: string): Promise<ProjectInfo> {
      return openStore(await ProjectStore.openOrCreate(projectDir))
    },
    recent: () => recent.list(),
    dirOf: (projectId: string): string => get(projectId).store.dir,
    /** The open project's store for a folder, or the one on disk when it is not open. */
    async storeForDir(projectDir: string, imagesDir?: string): Promise<ProjectStore> {
      const project = open.get(idOf(projectDir))
      return project ? project.store : ProjectStore.openOrCreate(projectDir, imagesDir)
    },
    storeOf: (projectId: string): ProjectStore => get(projectId).store,
    images(input: {
      projectId: string
      offset: number
      limit: number
      filter: StatusFilter
      order?: ImageOrder
    }): ImagePage {
      const project = get(input.projectId)
      return {
        ...project.index.page(input.offset, input.limit, input.filter, input.order),
        scanning: project.scanning,
      }
    },
    async update(input: {
      projectId: string
      classes?: string[]
      prompts?: Record<string, unknown>
      position?: { imageKey: string | null }
    }) {
      const project = get(input.projectId)
      await project.store.update((f) => ({
        ...(input.classes ? withClasses(f, input.classes) : f),
        ...(input.prompts ? { prompts: { ...f.prompts, ...input.prompts } } : {}),
        ...(input.position ? { position: input.position } : {}),
      }))
      return info(project)
    },
    async annotations(projectId: string, key: string): Promise<OpenedAnnotations> {
      const project = get(projectId)
      const image = await deps.images.open(keyPath(project, key))
      const doc =
        (await project.store.readAnnotations(key)) ??
        emptyAnnotations(key, image.width, image.height)
      // A class on a document but not in the list (written by another tool or version) joins the
      // list now, so it has its number and colour before the user sees it.
      await ensureListed(project, doc.boxes)
      return { imageId: image.id, url: image.url, width: image.width, height: image.height, doc }
    },
    async save(projectId: string, key: string, boxes: AnnotationBox[]) {
      const project = get(projectId)
      const current =
        (await project.store.readAnnotations(key)) ?? (await this.annotations(projectId, key)).doc
      const clamped = boxes
        .map((b) => ({ ...b, box: clampBox(b.box, current.width, current.height) }))
        .filter((b) => b.box.width > 0 && b.box.height > 0)
      const doc = { ...current, boxes: clamped }
      await project.store.writeAnnotations(doc)
      await ensureListed(project, clamped)
      const entry = await record(project, doc)
      return { status: entry.status, pending: entry.pending, kept: entry.kept }
    },
    /**
     * Marks an image done (a person looked at it: e.g. nothing found, confirmed empty) or not. An
     * image with suggestions still waiting cannot be done: each needs its decision first.
     */
    async markDone(input: { projectId: string; key: string; done: boolean }): Promise<ImageEntry> {
      const project = get(input.projectId)
      const current =
        (await project.store.readAnnotations(input.key)) ??
        (await this.annotations(input.projectId, input.key)).doc
      const { pending } = countBoxes(current)
      if (input.done && pending > 0) {
        throw new AppError(
          'invalid-input',
          `${pending === 1 ? 'One suggestion still waits' : `${pending} suggestions still wait`} for a decision on this image: accept or reject ${pending === 1 ? 'it' : 'them'} first.`,
        )
      }
      const doc = { ...current, doneAt: input.done ? new Date().toISOString() : null }
      await project.store.writeAnnotations(doc)
      return record(project, doc)
    },
    async acceptAbove(input: {
      projectId: string
      threshold: number
      perClass: Record<string, number>
      key?: string
    }) {
      const project = get(input.projectId)
      const keys = input.key
        ? [input.key]
        : project.index.keys.filter((k) => (project.index.get(k)?.pending ?? 0) > 0)
      let images = 0
      let accepted = 0
      for (const key of keys) {
        const doc = await project.store.readAnnotations(key)
        if (!doc) continue
        let changed = 0
        const boxes = doc.boxes.map((b) => {
          const cut = input.perClass[b.className] ?? input.threshold
          if (b.state !== 'suggested' || (b.confidence ?? 0) < cut) return b
          changed++
          return { ...b, state: 'accepted' as const }
        })
        if (changed === 0) continue
        images++
        accepted += changed
        const next = { ...doc, boxes }
        await project.store.writeAnnotations(next)
        await record(project, next)
      }
      return { images, accepted }
    },
    /** Every image key of the folder, once it is listed in full. */
    async allKeys(projectId: string): Promise<readonly string[]> {
      const project = get(projectId)
      await project.scanned
      return project.index.keys
    },
    imagePath: (projectId: string, key: string): string => keyPath(get(projectId), key),
    /** Adds classes the list lacks (in the given order); the known ones keep their place and id. */
    async addClasses(projectId: string, names: readonly string[]): Promise<ProjectInfo> {
      const project = get(projectId)
      await project.store.update((f) => withClasses(f, names))
      return info(project)
    },
    /**
     * Folds imported boxes into one image (`dryRun`: works out what would change, writes nothing).
     * An existing annotations file that cannot be read is left alone: the image is skipped.
     */
    async importBoxes(input: ImportBoxesInput): Promise<ImportMerge> {
      const project = get(input.projectId)
      const current =
        (await project.store.readAnnotations(input.key)) ??
        emptyAnnotations(input.key, input.width, input.height)
      const merged = mergeImported(current, input.boxes, input.mode)
      const changed = merged.added > 0 || merged.replaced > 0
      if (changed && !input.dryRun) {
        await project.store.writeAnnotations(merged.doc)
        await record(project, merged.doc)
      }
      return merged
    },
    nextPending(
      projectId: string,
      afterKey: string | null,
      order: ImageOrder = 'folder',
    ): { key: string | null } {
      return { key: get(projectId).index.next(afterKey, needsReview, order) }
    },
    /** A batch result landed in a project: update its badge if that project is open. */
    async batchRecorded(
      projectDir: string,
      key: string,
      doc: ImageAnnotations | null,
      error: string | null,
    ) {
      const project = open.get(idOf(projectDir))
      if (!project) return
      if (doc) await record(project, doc)
      else {
        const entry: ImageEntry = {
          key,
          status: 'failed',
          pending: 0,
          kept: 0,
          error: error ?? 'failed',
        }
        project.index.set(entry)
        deps.emit('project.imageStatus', { projectId: project.id, ...entry })
      }
    },
    async close(): Promise<void> {
      for (const project of open.values()) {
        project.store.onClassesChanged = null
        await project.reviews.close()
      }
      open.clear()
    },
  }
}

export type ProjectService = ReturnType<typeof createProjectService>
