import type { PromptlabelApi } from '../../../shared/bridge-api'
import type {
  LabCandidate,
  LabCandidateScore,
  LabCut,
  LabScore,
  TruthSummary,
} from '../../../shared/lab'
import { leader, scoredClasses, tableRows } from '../core/lab-table'
import type { ErrorState } from './error-state.svelte'
import { LabApply } from './lab-apply.svelte'
import { LabCuts } from './lab-cuts.svelte'
import { LabDrafts } from './lab-drafts.svelte'
import { LabGallery } from './lab-gallery.svelte'
import type { LabCore, LabLinks } from './lab-links'
import { LabRun } from './lab-run.svelte'

/** The contract scores at most this many candidates in one call. */
const MAX_SCORED = 50

/**
 * The prompt lab: the truth set, the saved candidates, their numbers at the cut each one's slider
 * sets, runs over the truth set, the gallery and "Use this". Main computes every number from its
 * cache; this keeps what the user chose and asks again when a cut or the matching IoU moves.
 */
export class LabState implements LabCore {
  open = $state(false)
  truth = $state.raw<TruthSummary | null>(null)
  candidates = $state.raw<readonly LabCandidate[]>([])
  /** Candidates ticked for the next run. */
  chosen = $state.raw<readonly string[]>([])
  score = $state.raw<LabScore | null>(null)
  loading = $state(false)
  scoring = $state(false)
  /** The class whose curves and sliders are shown; null shows the first scored class. */
  chartClass = $state<string | null>(null)
  /** Candidates whose per-class rows are shown. */
  expanded = $state.raw<readonly string[]>([])

  /** Each candidate's slider cut and the matching IoU; a change scores again after a pause. */
  readonly cuts: LabCuts
  readonly run: LabRun
  readonly gallery: LabGallery
  readonly apply: LabApply
  readonly drafts: LabDrafts

  readonly rows = $derived(tableRows(this.candidates, this.score))
  readonly classes = $derived(scoredClasses(this.score))
  readonly shownClass = $derived(
    this.chartClass !== null && this.classes.includes(this.chartClass)
      ? this.chartClass
      : (this.classes[0] ?? null),
  )
  /** The candidate with the best overall F1: the one the table marks and the gallery shows first. */
  readonly leaderId = $derived(leader(this.rows))
  readonly truthEmpty = $derived(this.truth !== null && this.truth.images === 0)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #links: LabLinks
  #projectId = $state<string | null>(null)
  /** Bumped per score request: only the newest answer is shown. */
  #scoreSeq = 0

  constructor(api: PromptlabelApi, errors: ErrorState, links: LabLinks) {
    this.#api = api
    this.#errors = errors
    this.#links = links
    this.cuts = new LabCuts(
      (id) => this.candidate(id)?.cut ?? null,
      () => void this.rescore(),
    )
    this.run = new LabRun(api, errors, links, () => void this.rescore())
    this.gallery = new LabGallery(api, this, links)
    this.apply = new LabApply(this, links)
    this.drafts = new LabDrafts(api, errors, this, links)
  }

  listen(): () => void {
    return this.run.listen()
  }

  /** Opens the lab and loads the open project's truth set and candidates. */
  async show(): Promise<void> {
    const project = this.#links.project()
    if (!project) return
    if (project.id !== this.#projectId) this.#reset(project.id)
    this.open = true
    await this.refresh()
  }

  close(): void {
    this.open = false
  }

  /** With nothing reviewed there is nothing to score against: back to the images to review. */
  async reviewFirst(): Promise<void> {
    this.close()
    await this.#links.nextToReview()
  }

  async refresh(): Promise<void> {
    const projectId = this.#projectId
    if (projectId === null) return
    this.loading = true
    try {
      const [truth, candidates] = await Promise.all([
        this.#api.invoke('lab.truth', { projectId }),
        this.#api.invoke('lab.candidates', { projectId }),
      ])
      if (projectId !== this.#projectId) return
      const t = this.#errors.unwrap(truth)
      const c = this.#errors.unwrap(candidates)
      if (t) this.truth = t
      if (c) this.setCandidates(c)
    } finally {
      this.loading = false
    }
    if (this.candidates.length > 0) await this.rescore()
  }

  /** Takes main's list of candidates: new ones start at their saved cut and ticked for a run. */
  setCandidates(list: readonly LabCandidate[]): void {
    const known = this.candidates.map((c) => c.id)
    const ids = list.map((c) => c.id)
    const fresh = ids.filter((id) => !known.includes(id))
    this.cuts.adopt(list)
    this.chosen = [...this.chosen.filter((id) => ids.includes(id)), ...fresh]
    this.expanded = this.expanded.filter((id) => ids.includes(id))
    this.candidates = list
  }

  candidate(id: string | null): LabCandidate | null {
    return this.candidates.find((c) => c.id === id) ?? null
  }

  cutOf(id: string): LabCut | null {
    return this.cuts.of(id)
  }

  scoreOf(id: string | null): LabCandidateScore | null {
    return this.score?.candidates.find((c) => c.candidateId === id) ?? null
  }

  /** The project this lab shows, once opened. */
  get projectId(): string | null {
    return this.#projectId
  }

  toggleChosen(id: string, on: boolean): void {
    const others = this.chosen.filter((c) => c !== id)
    this.chosen = on ? [...others, id] : others
  }

  toggleExpanded(id: string): void {
    this.expanded = this.expanded.includes(id)
      ? this.expanded.filter((c) => c !== id)
      : [...this.expanded, id]
  }

  /** Asks main for every candidate's numbers at the current cuts and IoU (from its cache). */
  async rescore(): Promise<void> {
    this.cuts.cancel()
    const projectId = this.#projectId
    if (projectId === null) return
    const seq = ++this.#scoreSeq
    const candidateIds = this.candidates.slice(0, MAX_SCORED).map((c) => c.id)
    const cuts: Record<string, LabCut> = {}
    for (const id of candidateIds) cuts[id] = this.cutOf(id) ?? { global: 0, perClass: {} }
    this.scoring = true
    try {
      const answer = await this.#api.invoke('lab.score', {
        projectId,
        candidateIds,
        iou: this.cuts.iou,
        cuts,
      })
      if (seq !== this.#scoreSeq || projectId !== this.#projectId) return
      const score = this.#errors.unwrap(answer)
      if (!score) return
      this.score = score
      this.truth = score.truth
      void this.gallery.loadThumbs()
    } finally {
      if (seq === this.#scoreSeq) this.scoring = false
    }
  }

  #reset(projectId: string): void {
    this.cuts.clear()
    this.#projectId = projectId
    this.#scoreSeq++
    this.truth = null
    this.candidates = []
    this.chosen = []
    this.score = null
    this.expanded = []
    this.chartClass = null
    this.gallery.reset()
    this.apply.reset()
  }
}
