import type { LabCandidate, LabCandidateScore, LabCut } from '../../../shared/lab'
import type { ModelState } from './model-state.svelte'

/** What the lab's parts (drafts, gallery, "Use this") need of the lab itself. */
export interface LabCore {
  readonly projectId: string | null
  readonly candidates: readonly LabCandidate[]
  /** The candidate with the best overall F1. */
  readonly leaderId: string | null
  candidate(id: string | null): LabCandidate | null
  cutOf(id: string): LabCut | null
  scoreOf(id: string | null): LabCandidateScore | null
  setCandidates(list: readonly LabCandidate[]): void
  rescore(): Promise<void>
  show(): Promise<void>
  close(): void
}

/** What the prompt lab needs from the rest of the app (AppState supplies it; tests fake it). */
export interface LabLinks {
  /** The open project: its id, and its folder to find images by key. */
  project(): { id: string; imagesDir: string } | null
  /** The model panel: the current prompts to save, and the editors "Use this" sets. */
  models: ModelState
  /** The review's per-class cuts, which "Use this" sets at each class's cut. */
  review: { perClass: Readonly<Record<string, number>> }
  /** The profile runs use (the active one). */
  profileId(): string | undefined
  /** Shows an image of the project on the canvas. */
  goTo(key: string): Promise<boolean>
  /** The key of the image on the canvas, to draw a candidate's boxes on the image they belong to. */
  currentKey(): string | null
  /** The one colour of a class. */
  colorOf(className: string): string
  /** Runs the model panel's model over the folder ("Run on the folder"). */
  runFolder(): Promise<void>
  /** Goes to the next image that waits for review (when the truth set is empty). */
  nextToReview(): Promise<void>
}
