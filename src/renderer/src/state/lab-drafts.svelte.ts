import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ModelKind } from '../../../shared/contract'
import type { LabCandidate } from '../../../shared/lab'
import { candidateFromSpec, sameModel, suggestName } from '../core/lab-candidate'
import type { SpecOutcome } from '../core/model-specs'
import type { ErrorState } from './error-state.svelte'
import type { LabCore, LabLinks } from './lab-links'
import type { ModelState } from './model-state.svelte'

/** The prompt a model's editor holds now, whichever model the panel shows. */
export function editorOutcome(models: ModelState, kind: ModelKind): SpecOutcome {
  switch (kind) {
    case 'grounding-dino':
      return models.groundingDino.outcome
    case 'moondream2':
      return models.moondream.outcome
    case 'hosted':
      return models.hosted.outcome
    case 'owlv2':
      return models.owlv2.outcome
  }
}

/** Saving the model panel's current prompt as a named candidate; renaming and deleting them. */
export class LabDrafts {
  /** The model whose prompt is offered; null follows the model panel's choice. */
  kind = $state<ModelKind | null>(null)
  /** The name typed; empty uses the suggested one. */
  name = $state('')
  saving = $state(false)
  /** The candidate being renamed, and the name typed for it. */
  renaming = $state<string | null>(null)
  renameText = $state('')

  readonly shownKind: ModelKind = $derived.by(() => this.kind ?? this.#links.models.kind)
  readonly draft = $derived.by(() => {
    const { spec } = editorOutcome(this.#links.models, this.shownKind)
    return spec === null ? null : candidateFromSpec(spec, this.#links.models.owlv2.references)
  })
  /** A saved candidate with the same prompt, so it is not saved twice. */
  readonly twin: LabCandidate | null = $derived.by(() => {
    const draft = this.draft
    return draft
      ? (this.#lab.candidates.find((c) => sameModel(c.model, draft.model)) ?? null)
      : null
  })
  readonly suggested = $derived.by(() => {
    const taken = this.#lab.candidates.map((c) => c.name)
    return this.draft ? suggestName(this.draft.model, taken) : ''
  })
  readonly blocker = $derived.by(() => {
    const { problem } = editorOutcome(this.#links.models, this.shownKind)
    if (problem !== null) return problem
    if (this.twin) return `This prompt is already the candidate “${this.twin.name}”.`
    return null
  })

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #lab: LabCore
  readonly #links: LabLinks

  constructor(api: PromptlabelApi, errors: ErrorState, lab: LabCore, links: LabLinks) {
    this.#api = api
    this.#errors = errors
    this.#lab = lab
    this.#links = links
  }

  /** Saves the current prompt under the typed (or suggested) name; new candidates are scored. */
  async save(): Promise<void> {
    const projectId = this.#lab.projectId
    const draft = this.draft
    if (projectId === null || !draft || this.blocker !== null || this.saving) return
    const name = this.name.trim() || this.suggested
    this.saving = true
    try {
      const saved = this.#errors.unwrap(
        await this.#api.invoke('lab.saveCandidate', { projectId, name, ...draft }),
      )
      if (!saved) return
      this.name = ''
      this.#lab.setCandidates(saved)
    } finally {
      this.saving = false
    }
    await this.#lab.rescore()
  }

  startRename(candidate: LabCandidate): void {
    this.renaming = candidate.id
    this.renameText = candidate.name
  }

  async rename(): Promise<void> {
    const projectId = this.#lab.projectId
    const candidate = this.#lab.candidate(this.renaming)
    const name = this.renameText.trim()
    this.renaming = null
    if (projectId === null || !candidate || name === '' || name === candidate.name) return
    await this.#write(candidate, name)
  }

  /** Saves a candidate's slider cut as its own, so it is where it opens next time. */
  async keepCut(id: string): Promise<void> {
    const candidate = this.#lab.candidate(id)
    if (candidate) await this.#write(candidate, candidate.name, this.#lab.cutOf(id) ?? undefined)
  }

  async remove(id: string): Promise<void> {
    const projectId = this.#lab.projectId
    if (projectId === null) return
    const left = this.#errors.unwrap(
      await this.#api.invoke('lab.deleteCandidate', { projectId, id }),
    )
    if (!left) return
    this.#lab.setCandidates(left)
    await this.#lab.rescore()
  }

  async #write(candidate: LabCandidate, name: string, cut = candidate.cut): Promise<void> {
    const projectId = this.#lab.projectId
    if (projectId === null) return
    const saved = this.#errors.unwrap(
      await this.#api.invoke('lab.saveCandidate', {
        projectId,
        id: candidate.id,
        name,
        model: candidate.model,
        cut,
      }),
    )
    if (saved) this.#lab.setCandidates(saved)
  }
}
