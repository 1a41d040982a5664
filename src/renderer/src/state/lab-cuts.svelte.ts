import type { LabCandidate, LabCut } from '../../../shared/lab'

/** How long a slider may rest before the numbers are asked for again (main makes no request). */
export const SCORE_DELAY_MS = 200

/**
 * Each candidate's cut as its slider has it (its saved cut until moved) and the matching IoU;
 * a change asks for the numbers again once the slider has rested for SCORE_DELAY_MS.
 */
export class LabCuts {
  iou = $state(0.5)
  byId = $state.raw<Readonly<Record<string, LabCut>>>({})

  readonly #saved: (id: string) => LabCut | null
  readonly #rescore: () => void
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(saved: (id: string) => LabCut | null, rescore: () => void) {
    this.#saved = saved
    this.#rescore = rescore
  }

  of(id: string): LabCut | null {
    return this.byId[id] ?? this.#saved(id)
  }

  /** Keeps the cuts of known candidates where the sliders are; new ones start at their saved cut. */
  adopt(candidates: readonly LabCandidate[]): void {
    this.byId = Object.fromEntries(candidates.map((c) => [c.id, this.byId[c.id] ?? c.cut]))
  }

  setGlobal(id: string, value: number): void {
    const cut = this.of(id)
    if (cut) this.#set(id, { ...cut, global: value })
  }

  /** Gives a class its own cut for one candidate, or (null) makes it follow the global cut again. */
  setClass(id: string, className: string, value: number | null): void {
    const cut = this.of(id)
    if (!cut) return
    const { [className]: _, ...others } = cut.perClass
    this.#set(id, {
      global: cut.global,
      perClass: value === null ? others : { ...others, [className]: value },
    })
  }

  /** Puts a candidate's slider back at its saved cut. */
  reset(id: string): void {
    const saved = this.#saved(id)
    if (saved) this.#set(id, saved)
  }

  setIou(value: number): void {
    if (!(value > 0 && value <= 1)) return
    this.iou = value
    this.#schedule()
  }

  /** The pending ask is made now (or dropped): another one is under way. */
  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }

  clear(): void {
    this.cancel()
    this.byId = {}
  }

  #set(id: string, cut: LabCut): void {
    this.byId = { ...this.byId, [id]: cut }
    this.#schedule()
  }

  #schedule(): void {
    this.cancel()
    this.#timer = setTimeout(() => this.#rescore(), SCORE_DELAY_MS)
  }
}
