import type { Edge } from '../core/document/box-ops'
import {
  addBox,
  copyBoxes,
  deleteBoxes,
  nudgeBoxes,
  nudgeEdges,
  pasteBoxes,
  relabelBoxes,
  type CopiedBox,
} from '../core/document/commands'
import { classColors } from '../core/palette'
import type { Box } from '../../../shared/geometry'
import type { AnnotationState } from './annotation-state.svelte'

/** The canvas tool: select/move/resize boxes, or draw new ones (R, until Esc). */
export type ToolName = 'select' | 'draw'

/** Copies land this far (image pixels) from their originals on the same image. */
export const PASTE_OFFSET_PX = 10

/** Class names in a stable order: the project's list, then the model's, then any others on the image. */
export function classList(...sources: readonly (readonly string[])[]): string[] {
  const names: string[] = []
  for (const source of sources)
    for (const name of source) if (!names.includes(name)) names.push(name)
  return names
}

/** Where the class names come from; the project list keeps export ids stable. */
export interface ClassSources {
  project(): readonly string[]
  model(): readonly string[]
  /** Saves a class the user added, so it is there on every image and in exports. */
  persist(classes: readonly string[]): void
}

/**
 * The tool on the canvas, the class list with its colours and the class for the next box, the
 * clipboard, and the edit commands that act on the selection (each one undo step).
 */
export class ToolState {
  tool = $state<ToolName>('select')
  /** H hides every box to look at the picture; H again shows them. */
  boxesHidden = $state(false)
  /** Space is held: a left drag pans whatever the tool. */
  panHeld = $state(false)
  activeClass = $state<string | null>(null)
  clipboard = $state.raw<readonly CopiedBox[]>([])
  /** The `?` sheet of every shortcut. */
  cheatSheetOpen = $state(false)
  /** Classes added here and not yet in the project's list. */
  added = $state.raw<readonly string[]>([])

  readonly #annotations: AnnotationState
  readonly #sources: ClassSources

  readonly classes = $derived.by(() =>
    classList(
      this.#sources.project(),
      this.added,
      this.#sources.model(),
      this.#annotations.boxes.map((b) => b.className),
    ),
  )
  readonly colors = $derived(classColors(this.classes))
  /** The class a new box gets: the one picked, else the first of the list. */
  readonly drawClass = $derived(
    this.activeClass !== null && this.classes.includes(this.activeClass)
      ? this.activeClass
      : (this.classes[0] ?? null),
  )

  constructor(annotations: AnnotationState, sources: ClassSources) {
    this.#annotations = annotations
    this.#sources = sources
  }

  setTool(tool: ToolName): void {
    this.tool = tool
  }

  addClass(name: string): boolean {
    const clean = name.trim().replace(/\s+/g, ' ')
    if (clean === '' || clean.length > 200) return false
    if (!this.classes.includes(clean)) {
      this.added = [...this.added, clean]
      this.#sources.persist(classList(this.#sources.project(), this.added))
    }
    this.pickClass(this.classes.indexOf(clean))
    return true
  }

  /** Digit keys: the class for the next box, and the new class of the selected boxes. */
  pickClass(index: number): void {
    const name = this.classes[index]
    if (name === undefined) return
    this.activeClass = name
    const a = this.#annotations
    if (a.selection.length > 0) a.commit('Change class', relabelBoxes(a.boxes, a.selection, name))
  }

  /** Keeps a drawn box (the draw tool's commit) with the class picked for drawing. */
  draw(box: Box): void {
    const a = this.#annotations
    const className = this.drawClass
    const target = a.target
    if (!target || className === null) return
    const id = crypto.randomUUID()
    a.commit('Draw box', addBox(a.boxes, { id, className, box }, target), { select: [id] })
  }

  deleteSelection(): void {
    const a = this.#annotations
    if (a.selection.length === 0) return
    const label = a.selection.length === 1 ? 'Delete box' : 'Delete boxes'
    a.commit(label, deleteBoxes(a.boxes, a.selection), { select: [] })
  }

  /** Arrow keys; a burst of presses on the same boxes is one undo step. */
  nudge(dx: number, dy: number): void {
    const a = this.#annotations
    if (!a.target || a.selection.length === 0) return
    a.commit('Nudge', nudgeBoxes(a.boxes, a.selection, dx, dy, a.target), {
      coalesce: `nudge:${a.selection.join(',')}`,
    })
  }

  moveEdge(edge: Edge, delta: number): void {
    const a = this.#annotations
    if (!a.target || a.selection.length === 0) return
    a.commit('Resize', nudgeEdges(a.boxes, a.selection, edge, delta, a.target), {
      coalesce: `edge:${edge}:${a.selection.join(',')}`,
    })
  }

  copy(): void {
    const a = this.#annotations
    if (a.selection.length > 0) this.clipboard = copyBoxes(a.boxes, a.selection)
  }

  /** Pastes onto the current image, offset so copies on their own image are visible. */
  paste(): void {
    this.#pasteFrom(this.clipboard, 'Paste')
  }

  duplicate(): void {
    const a = this.#annotations
    this.#pasteFrom(copyBoxes(a.boxes, a.selection), 'Duplicate')
  }

  /** Tab / Shift+Tab: the next or previous of the given boxes (list order). */
  cycle(step: 1 | -1, shown: readonly { id: string }[]): void {
    if (shown.length === 0) return
    const a = this.#annotations
    const at = shown.findIndex((b) => b.id === a.selection[0])
    const next =
      at === -1 ? (step === 1 ? 0 : shown.length - 1) : (at + step + shown.length) % shown.length
    const box = shown[next]
    if (box) a.select([box.id])
  }

  #pasteFrom(copied: readonly CopiedBox[], label: string): void {
    const a = this.#annotations
    const target = a.target
    if (!target || copied.length === 0) return
    const onSameSpot = copied.some((c) => a.boxes.some((b) => sameSpot(b.box, c.box)))
    const offset = onSameSpot ? PASTE_OFFSET_PX : 0
    const pasted = pasteBoxes(a.boxes, copied, () => crypto.randomUUID(), offset, target)
    a.commit(label, pasted.boxes, { select: pasted.ids })
  }
}

function sameSpot(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1
}
