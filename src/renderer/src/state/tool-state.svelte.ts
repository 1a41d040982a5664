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
import { localSettings } from '../core/local-settings'
import { classColors, classList, cleanClassName } from '../core/palette'
import type { Box } from '../../../shared/geometry'
import type { AnnotationState } from './annotation-state.svelte'
import type { ClassState } from './class-state.svelte'

export { classList }

const ASK_KEY = 'promptlabel.askClass'

/** The canvas tool: select/move/resize boxes, or draw new ones (R, until Esc). */
export type ToolName = 'select' | 'draw'

/** Copies land this far (image pixels) from their originals on the same image. */
export const PASTE_OFFSET_PX = 10

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
  /** Ask for the class after each box is drawn (the label picker); off: the picked class is used. */
  askClass = $state(localSettings()?.getItem(ASK_KEY) !== 'off')
  /** A box just drawn on an image, waiting in the label picker for its class. */
  #drawn = $state.raw<{ box: Box; imageId: string } | null>(null)

  readonly #annotations: AnnotationState
  readonly #classes: ClassState

  /** The project's classes, then any other class on this image (main lists those when it reads it). */
  readonly classes = $derived.by(() =>
    classList(
      this.#classes.classes,
      this.#annotations.boxes.map((b) => b.className),
    ),
  )
  readonly colors = $derived(classColors(this.classes))
  /** The drawn box waiting for its class; gone when the user moves to another image. */
  readonly pendingBox = $derived.by(() =>
    this.#drawn !== null && this.#drawn.imageId === this.#annotations.target?.imageId
      ? this.#drawn.box
      : null,
  )
  /** The class a new box gets: the one picked, else the first of the list. */
  readonly drawClass = $derived(
    this.activeClass !== null && this.classes.includes(this.activeClass)
      ? this.activeClass
      : (this.classes[0] ?? null),
  )

  constructor(annotations: AnnotationState, classes: ClassState) {
    this.#annotations = annotations
    this.#classes = classes
  }

  setTool(tool: ToolName): void {
    this.tool = tool
  }

  /** Adds a class at the end of the list (numbers and colours of the others never change). */
  addClass(name: string): boolean {
    const clean = cleanClassName(name)
    if (clean === null) return false
    this.#classes.register([clean])
    // The class for the next box; the selected box keeps its class (relabelling is a digit or a chip).
    this.activeClass = clean
    return true
  }

  setAskClass(ask: boolean): void {
    this.askClass = ask
    localSettings()?.setItem(ASK_KEY, ask ? 'on' : 'off')
  }

  /** Digit keys: the class for the next box, and the new class of the selected boxes. */
  pickClass(index: number): void {
    const name = this.classes[index]
    if (name === undefined) return
    this.activeClass = name
    const a = this.#annotations
    if (a.selection.length > 0) a.commit('Change class', relabelBoxes(a.boxes, a.selection, name))
  }

  /**
   * A box was drawn (the draw tool's commit): it waits in the label picker when the user asked for
   * that or no class is picked yet, else it takes the class shown beside the Draw tool.
   */
  draw(box: Box): void {
    const target = this.#annotations.target
    if (!target) return
    if (this.askClass || this.drawClass === null) this.#drawn = { box, imageId: target.imageId }
    else this.#place(box, this.drawClass)
  }

  /** The label picker's answer: the drawn box gets this class (added to the list when new). */
  placePending(name: string): boolean {
    const box = this.pendingBox
    const clean = cleanClassName(name)
    if (box === null || clean === null) return false
    this.#classes.register([clean])
    this.activeClass = clean
    this.#drawn = null
    this.#place(box, clean)
    return true
  }

  /** The label picker was dismissed: the drawn box is dropped, nothing is saved. */
  cancelPending(): void {
    this.#drawn = null
  }

  #place(box: Box, className: string): void {
    const a = this.#annotations
    const target = a.target
    if (!target) return
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
