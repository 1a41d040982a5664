import { untrack } from 'svelte'
import {
  changedPrompts,
  EMPTY_PROMPTS,
  PROMPT_KEYS,
  readSavedPrompt,
  type PromptKey,
  type SavedPrompts,
} from '../core/prompt-file'

/** An editor as the saver sees it: its values to save, and how to show saved ones. */
export interface SavableEditor<K extends PromptKey> {
  save(): SavedPrompts[K]
  /** Shows saved values; without any, the editor starts empty. */
  load(saved?: SavedPrompts[K]): void
}

export type SavableEditors = { [K in PromptKey]: SavableEditor<K> }

/** Writes entries into a project's `prompts` (main merges them key by key with what it holds). */
export type PersistPrompts = (projectId: string, prompts: Partial<SavedPrompts>) => Promise<void>

/** How long typing may pause before the editors are written with the project. */
export const PROMPT_SAVE_DELAY_MS = 400

/**
 * Keeps the text-prompt editors (Grounding DINO, Moondream2, custom model) with the open project:
 * restores them once per project opened, and writes what changed after a pause in typing. A pending
 * write goes out at once when another project opens, the window hides, or the link stops.
 */
export class PromptSaving {
  /** True when every edit has reached main (nothing waiting, nothing on its way). */
  saved = $state(true)

  readonly #editors: SavableEditors
  readonly #delayMs: number
  #persist: PersistPrompts | null = null
  #projectId: string | null = null
  /** Per key, the JSON of what the open project holds (as far as this window knows). */
  #written = {} as Record<PromptKey, string>
  #timer: ReturnType<typeof setTimeout> | null = null
  #inFlight = 0

  constructor(editors: SavableEditors, delayMs = PROMPT_SAVE_DELAY_MS) {
    this.#editors = editors
    this.#delayMs = delayMs
  }

  /** Links the editors to the open project; returns the stop, which writes what still waits. */
  connect(
    persist: PersistPrompts,
    project: () => { id: string; prompts: Record<string, unknown> } | null,
  ): () => void {
    this.#persist = persist
    const flush = () => this.flush()
    const stop = $effect.root(() => {
      $effect(() => {
        const info = project()
        if (info) untrack(() => this.open(info.id, info.prompts))
      })
      $effect(() => {
        this.#current()
        untrack(() => this.edited())
      })
    })
    globalThis.addEventListener?.('pagehide', flush)
    return () => {
      globalThis.removeEventListener?.('pagehide', flush)
      stop()
      this.flush()
      this.#persist = null
    }
  }

  /** Shows a project's saved values, once per project opened; what waited for the last goes first. */
  open(projectId: string, prompts: Record<string, unknown>): void {
    if (projectId === this.#projectId) return
    this.flush()
    this.#projectId = projectId
    for (const key of PROMPT_KEYS) this.#restore(key, prompts[key])
    this.edited()
  }

  /** An editor changed: write what differs from the project's copy once typing pauses. */
  edited(): void {
    this.#clearTimer()
    if (this.#pending() === null) {
      this.saved = this.#inFlight === 0
      return
    }
    this.saved = false
    this.#timer = setTimeout(() => this.flush(), this.#delayMs)
  }

  /** Writes what differs from the project's copy now. */
  flush(): void {
    this.#clearTimer()
    const pending = this.#pending()
    const persist = this.#persist
    if (pending === null || persist === null || this.#projectId === null) {
      this.saved = this.#inFlight === 0
      return
    }
    for (const [key, value] of Object.entries(pending)) {
      this.#written[key as PromptKey] = JSON.stringify(value)
    }
    this.#inFlight++
    this.saved = false
    const done = () => {
      this.#inFlight--
      this.saved = this.#inFlight === 0 && this.#timer === null
    }
    persist(this.#projectId, pending).then(done, done)
  }

  /**
   * A readable value is shown; an unreadable one empties the editor (and stays on disk until the
   * user edits); with none, the editor keeps what the session had, which is then saved unless empty.
   */
  #restore<K extends PromptKey>(key: K, value: unknown): void {
    const editor = this.#editors[key] as SavableEditor<K>
    const entry = readSavedPrompt(key, value)
    if (entry.kind === 'saved') editor.load(entry.value)
    else if (entry.kind === 'unreadable') editor.load()
    this.#written[key] = JSON.stringify(
      entry.kind === 'missing' ? EMPTY_PROMPTS[key] : editor.save(),
    )
  }

  #current(): SavedPrompts {
    return {
      model: this.#editors.model.save(),
      groundingDino: this.#editors.groundingDino.save(),
      moondream2: this.#editors.moondream2.save(),
      hosted: this.#editors.hosted.save(),
    }
  }

  #pending(): Partial<SavedPrompts> | null {
    if (this.#projectId === null) return null
    const changed = changedPrompts(this.#current(), this.#written)
    return Object.keys(changed).length === 0 ? null : changed
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
