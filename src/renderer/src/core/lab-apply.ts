import type { ModelKind } from '../../../shared/contract'
import type { LabReport } from '../../../shared/lab'
import type { LabCandidate, LabCut, LabModel } from '../../../shared/lab'
import type { SavedExemplarSet } from './exemplar-file'
import { candidateClasses } from './lab-candidate'
import { formatCut } from './lab-format'
import { MODEL_LABELS } from './model-specs'

/** Which cut "Use this" sets: each class at its best F1 (the default), or the sliders' cut. */
export type CutChoice = 'best-f1' | 'sliders'

/** A class's cut: its own where set, else the global one. */
export function cutOf(cut: LabCut, className: string): number {
  return cut.perClass[className] ?? cut.global
}

/**
 * Each class at the cut of its highest F1 in the report (the report's own tie rule: the higher
 * cut); a class without a defined F1 keeps the fallback's cut.
 */
export function bestF1Cut(report: LabReport | null, fallback: LabCut): LabCut {
  const perClass: Record<string, number> = { ...fallback.perClass }
  for (const c of report?.classes ?? []) if (c.bestF1) perClass[c.className] = c.bestF1.threshold
  return { global: fallback.global, perClass }
}

/** What the model panel's editor of the candidate's kind is set to. */
export type EditorFields =
  | {
      kind: 'grounding-dino'
      classesText: string
      boxThreshold: number
      textThreshold: number
      classAgnosticNms: boolean
    }
  | { kind: 'owlv2'; set: SavedExemplarSet; versionId: string }
  | { kind: 'moondream2'; promptsText: string; modelId: string }
  | {
      kind: 'hosted'
      project: string
      version: number
      confidence: number
      overlap: number
      classesText: string
      renderImage: boolean
    }

/** Everything "Use this" changes, and the same in words for the user. */
export interface ApplyPlan {
  kind: ModelKind
  editor: EditorFields
  /** The score the model is asked at (0..1): the lowest class cut, so no class loses a box. */
  requestThreshold: number | null
  /** The review's per-class cuts, which hide what each class's own cut leaves out. */
  reviewCuts: Record<string, number>
  lines: string[]
}

/**
 * Rounds a cut down to four decimals for the request: a box scoring exactly at the cut must still
 * come back (asking a little low only brings boxes the review cut then hides).
 */
export function requestCut(value: number): number {
  return Math.floor(value * 10_000 + 1e-9) / 10_000
}

/** What making a candidate the project's prompt at `cut` sets, field by field. */
export function applyPlan(candidate: LabCandidate, cut: LabCut): ApplyPlan {
  const model = candidate.model
  // A custom model without a class filter names its classes only in its answers: those the cut has.
  const named = candidateClasses(model)
  const classes = named.length > 0 ? named : Object.keys(cut.perClass)
  const scored = model.kind !== 'moondream2'
  const cuts = [...classes.map((c) => cutOf(cut, c)), ...(named.length > 0 ? [] : [cut.global])]
  const lowest = scored ? requestCut(Math.min(...cuts)) : null
  const reviewCuts = scored ? Object.fromEntries(classes.map((c) => [c, cutOf(cut, c)])) : {}
  const editor = editorFields(model, lowest)
  const lines = [`Model: ${MODEL_LABELS[model.kind]} (${describePrompt(model)})`]
  if (lowest !== null) {
    lines.push(`${thresholdName(model)} ${thresholdText(model, lowest)} (the lowest class cut)`)
    if (classes.length > 0)
      lines.push(
        `Review cuts: ${classes.map((c) => `${c} ${formatCut(reviewCuts[c] ?? 0, 3)}`).join(', ')}`,
      )
  } else if (model.kind === 'moondream2') {
    lines.push('Moondream2 gives no scores, so no cut is set.')
  }
  return { kind: model.kind, editor, requestThreshold: lowest, reviewCuts, lines }
}

function editorFields(model: LabModel, lowest: number | null): EditorFields {
  switch (model.kind) {
    case 'grounding-dino':
      return {
        kind: model.kind,
        classesText: model.classes.join(', '),
        boxThreshold: lowest ?? model.boxThreshold,
        textThreshold: model.textThreshold,
        classAgnosticNms: model.classAgnosticNms,
      }
    case 'owlv2':
      return {
        kind: model.kind,
        versionId: model.versionId,
        set: {
          version: 1,
          confidence: lowest ?? model.confidence,
          // A project image is opened by its key; the path is only used outside a project.
          references: model.references.map((r) => ({
            key: r.key ?? null,
            path: r.path ?? r.key ?? '',
            boxes: r.boxes,
          })),
        },
      }
    case 'moondream2':
      return { kind: model.kind, promptsText: model.prompts.join('\n'), modelId: model.modelId }
    case 'hosted':
      return {
        kind: model.kind,
        project: model.project,
        version: model.version,
        // Percent, as the hosted editor shows it (§5); two decimals are what four of a fraction give.
        confidence: lowest === null ? model.confidence : Math.round(lowest * 10_000) / 100,
        overlap: model.overlap,
        classesText: model.classes.join(', '),
        renderImage: model.format === 'image',
      }
  }
}

function describePrompt(model: LabModel): string {
  switch (model.kind) {
    case 'grounding-dino':
      return `classes ${model.classes.join(', ')}`
    case 'moondream2':
      return `prompts ${model.prompts.join(', ')}`
    case 'hosted':
      return `${model.project}/${model.version}`
    case 'owlv2': {
      const boxes = model.references.reduce((n, r) => n + r.boxes.length, 0)
      return `${model.references.length} reference ${model.references.length === 1 ? 'image' : 'images'}, ${boxes} ${boxes === 1 ? 'box' : 'boxes'}`
    }
  }
}

function thresholdName(model: LabModel): string {
  return model.kind === 'grounding-dino' ? 'Box threshold' : 'Confidence'
}

function thresholdText(model: LabModel, value: number): string {
  return model.kind === 'hosted' ? `${Math.round(value * 10_000) / 100} %` : String(value)
}
