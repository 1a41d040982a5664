import { createContext } from 'svelte'
import type { PromptlabelApi } from '../../../shared/bridge-api'
import { SCHEMA_MODEL_DEFAULTS } from '../core/model-specs'
import { AnnotationState } from './annotation-state.svelte'
import { BatchState } from './batch-state.svelte'
import { ClassState } from './class-state.svelte'
import { DetectionState } from './detection-state.svelte'
import { ErrorState } from './error-state.svelte'
import { ExportState } from './export-state.svelte'
import { ImageState } from './image-state.svelte'
import { ImportState } from './import-state.svelte'
import { LabState } from './lab-state.svelte'
import { ModelState } from './model-state.svelte'
import { ProfileState } from './profile-state.svelte'
import { ProjectState } from './project-state.svelte'
import { ReviewState } from './review-state.svelte'
import { ToolState } from './tool-state.svelte'
import { ViewState } from './view-state.svelte'

/** The composition root of the renderer: every state object, wired to the one api it is given. */
export class AppState {
  readonly errors = new ErrorState()
  /** The chosen model and its editors; model ids default to the active profile's. */
  readonly models = new ModelState(() => this.profiles.active?.defaults ?? SCHEMA_MODEL_DEFAULTS)
  readonly view = new ViewState()
  readonly profiles: ProfileState
  readonly image: ImageState
  readonly detection: DetectionState
  /** The open folder of images; opening it shows the image asked for, else where the user was. */
  readonly project: ProjectState
  readonly batch: BatchState
  readonly exports: ExportState
  readonly imports: ImportState
  /** The current image's boxes and undo history, the review queue, and the canvas tools. */
  readonly annotations: AnnotationState
  /** The project's class list: numbers, colours and export ids that never move. */
  readonly classes: ClassState
  readonly review: ReviewState
  readonly tools: ToolState
  /** The prompt lab: candidates scored against the reviewed images (issue 13). */
  readonly lab: LabState
  readonly #api: PromptlabelApi

  constructor(api: PromptlabelApi) {
    this.profiles = new ProfileState(api, this.errors)
    this.project = new ProjectState(api, this.errors, (info, key) => {
      void this.image.restore(info, key)
    })
    this.image = new ImageState(
      api,
      this.errors,
      (image) => this.view.setImage(image),
      this.project,
    )
    this.batch = new BatchState(api, this.errors, this.project, {
      model: () => this.models.outcome,
      profileId: () => this.profiles.active?.id,
    })
    this.exports = new ExportState(api, this.errors, this.project)
    this.imports = new ImportState(api, this.errors, this.project, {
      imported: (report) => {
        const info = this.project.info
        if (info) this.project.info = { ...info, classes: report.classes }
        void this.annotations.reloadCurrent()
      },
      goTo: (key) => void this.image.goTo(key),
    })
    this.#api = api
    this.annotations = new AnnotationState(api, this.errors)
    this.classes = new ClassState({
      project: () => this.project.info,
      persist: (projectId, classes) => void this.project.saveClasses(projectId, classes),
    })
    this.tools = new ToolState(this.annotations, this.classes)
    this.review = new ReviewState(
      api,
      this.errors,
      this.annotations,
      () => this.tools.classes,
      (key) => this.image.goTo(key),
      () => this.project.list.order,
    )
    this.detection = new DetectionState(
      api,
      this.errors,
      this.image,
      this.models,
      this.view,
      this.annotations,
      this.classes,
    )
    this.lab = new LabState(api, this.errors, {
      project: () => this.project.info,
      models: this.models,
      review: this.review,
      profileId: () => this.profiles.active?.id,
      goTo: (key) => this.image.goTo(key),
      currentKey: () => this.annotations.target?.key ?? null,
      colorOf: (name) => this.classes.colorOf(name),
      runFolder: () => this.batch.runAll(),
      nextToReview: () => this.review.nextPendingImage(),
    })
  }

  /** Loads settings and starts listening to main; returns what undoes the listening. */
  start(): () => void {
    const stops = [
      this.detection,
      this.project,
      this.batch,
      this.exports,
      this.imports,
      this.lab,
    ].map((s) => s.listen())
    stops.push(this.annotations.track(() => this.project.info?.id ?? null, this.image))
    stops.push(this.#linkExemplars())
    stops.push(
      this.models.prompts.connect(
        async (projectId, prompts) => {
          this.errors.unwrap(await this.#api.invoke('project.update', { projectId, prompts }))
        },
        () => this.project.info,
      ),
    )
    void this.profiles.load()
    void this.project.restore()
    return () => stops.forEach((stop) => stop())
  }

  /** The OwlV2 exemplar set opens reference images itself and is saved with the project. */
  #linkExemplars(): () => void {
    const api = this.#api
    return this.models.owlv2.connect(
      {
        openImage: async (path) =>
          this.errors.unwrap(await api.invoke('image.open', { path })) ?? null,
        folder: () => {
          const info = this.project.info
          return info ? { projectId: info.id, imagesDir: info.imagesDir } : null
        },
        persist: (projectId, saved) => {
          void api.invoke('project.update', { projectId, prompts: { owlv2: saved } })
        },
        classes: {
          register: (names) => void this.classes.register(names),
          colors: () => this.classes.colors,
        },
      },
      () => this.project.info,
    )
  }
}

/** Typed context accessors; the App component provides the one AppState. */
export const [getAppState, setAppState] = createContext<AppState>()
