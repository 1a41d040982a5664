import { applyPlan, bestF1Cut, type ApplyPlan, type CutChoice } from '../core/lab-apply'
import type { LabCore, LabLinks } from './lab-links'

/** What "Use this" did, in words, and the reference images it could not open. */
export interface Applied {
  candidateId: string
  name: string
  lines: string[]
  missing: string[]
}

/**
 * "Use this": makes a candidate the project's prompt. The model panel's editor of its kind gets
 * its prompt with the request threshold at the lowest class cut; the review gets each class's cut.
 */
export class LabApply {
  /** The candidate whose "Use this" is being confirmed. */
  candidateId = $state<string | null>(null)
  choice = $state<CutChoice>('best-f1')
  applying = $state(false)
  applied = $state.raw<Applied | null>(null)

  /** The cut "Use this" sets: each class at its best F1 by default, or the sliders' own cut. */
  readonly cut = $derived.by(() => {
    const id = this.candidateId
    const working = id === null ? null : this.#lab.cutOf(id)
    if (id === null || working === null) return null
    if (this.choice === 'sliders') return working
    return bestF1Cut(this.#lab.scoreOf(id)?.report ?? null, working)
  })
  readonly plan: ApplyPlan | null = $derived.by(() => {
    const candidate = this.#lab.candidate(this.candidateId)
    return candidate && this.cut ? applyPlan(candidate, this.cut) : null
  })

  readonly #lab: LabCore
  readonly #links: LabLinks

  constructor(lab: LabCore, links: LabLinks) {
    this.#lab = lab
    this.#links = links
  }

  ask(candidateId: string): void {
    this.candidateId = candidateId
    this.choice = 'best-f1'
    this.applied = null
  }

  cancel(): void {
    this.candidateId = null
  }

  /** Sets the editors and the review's cuts as the plan says. */
  async confirm(): Promise<void> {
    const plan = this.plan
    const candidate = this.#lab.candidate(this.candidateId)
    if (!plan || !candidate || this.applying) return
    this.applying = true
    try {
      const missing = await this.#setEditor(plan)
      const lines = [...plan.lines]
      const review = this.#links.review
      if (Object.keys(plan.reviewCuts).length > 0)
        review.perClass = { ...review.perClass, ...plan.reviewCuts }
      if (missing.length > 0)
        lines.push(`Reference images that could not be opened were left out: ${missing.join(', ')}`)
      const version = this.#links.models.owlv2.outcome.spec
      const owl = plan.editor.kind === 'owlv2' ? plan.editor : null
      if (owl && version?.kind === 'owlv2' && version.versionId !== owl.versionId)
        lines.push(
          `The candidate was run with OwlV2 ${owl.versionId}; the server profile's ${version.versionId} is used from now on.`,
        )
      this.applied = { candidateId: candidate.id, name: candidate.name, lines, missing }
      this.candidateId = null
    } finally {
      this.applying = false
    }
  }

  /** Runs the prompt just applied over the whole folder, and shows the workspace. */
  async runFolder(): Promise<void> {
    this.#lab.close()
    await this.#links.runFolder()
  }

  reset(): void {
    this.candidateId = null
    this.applied = null
  }

  async #setEditor(plan: ApplyPlan): Promise<string[]> {
    const models = this.#links.models
    models.select(plan.kind)
    const fields = plan.editor
    switch (fields.kind) {
      case 'grounding-dino': {
        const editor = models.groundingDino
        editor.classesText = fields.classesText
        editor.boxThreshold = fields.boxThreshold
        editor.textThreshold = fields.textThreshold
        editor.classAgnosticNms = fields.classAgnosticNms
        return []
      }
      case 'moondream2':
        models.moondream.promptsText = fields.promptsText
        // A model id the editor already follows (the profile's) stays followed.
        if (models.moondream.modelId !== fields.modelId) models.moondream.modelId = fields.modelId
        return []
      case 'hosted': {
        const editor = models.hosted
        editor.project = fields.project
        editor.version = fields.version
        editor.confidence = fields.confidence
        editor.overlap = fields.overlap
        editor.classesText = fields.classesText
        editor.renderImage = fields.renderImage
        editor.imageUrl = ''
        return []
      }
      case 'owlv2':
        return models.owlv2.load(fields.set)
    }
  }
}
