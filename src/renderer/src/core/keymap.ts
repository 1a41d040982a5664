import type { Edge } from './document/box-ops'

/** Every command a key can give (ux-conventions.md's table, plus the review keys). */
export type KeyCommand =
  | { type: 'image.next' }
  | { type: 'image.previous' }
  | { type: 'tool.draw' }
  | { type: 'escape' }
  | { type: 'box.delete' }
  | { type: 'box.copy' }
  | { type: 'box.paste' }
  | { type: 'box.duplicate' }
  | { type: 'box.cycle'; step: 1 | -1 }
  | { type: 'box.nudge'; dx: number; dy: number }
  | { type: 'box.edge'; edge: Edge; delta: number }
  | { type: 'box.place' }
  | { type: 'class.pick'; index: number }
  | { type: 'review.accept' }
  | { type: 'review.reject' }
  | { type: 'review.next-image' }
  | { type: 'review.mark-done' }
  | { type: 'history.undo' }
  | { type: 'history.redo' }
  | { type: 'view.fit' }
  | { type: 'view.actual-size' }
  | { type: 'view.zoom'; factor: number }
  | { type: 'view.pan-hold' }
  | { type: 'boxes.toggle' }
  | { type: 'model.run' }
  | { type: 'batch.run' }
  | { type: 'lab.open' }
  | { type: 'save' }
  | { type: 'help' }

/** The parts of a KeyboardEvent and its target that decide a shortcut, so this stays DOM-free. */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey?: boolean
  /** Tag name of the focused element, e.g. 'INPUT'. */
  targetTag: string
  /** `type` of an input element, lower case; '' otherwise. */
  targetType: string
  targetEditable: boolean
}

export interface KeyContext {
  /** macOS uses Cmd where others use Ctrl. */
  mac?: boolean
  /** The focus is on the canvas or a box of the list: Tab cycles boxes, Enter decides. */
  onBoxes?: boolean
  /** The focus is on the button that stands for a box in the list: Enter decides the box. */
  boxEntry?: boolean
  /** The selected box is a suggestion: Backspace rejects it instead of deleting. */
  reviewing?: boolean
  /** A box is being drawn: Enter places a box at the centre of the view (keyboard drawing). */
  drawing?: boolean
}

/** Input types that take no typed text, so single-letter shortcuts still apply while they have focus. */
const NON_TEXT_INPUTS = new Set([
  'checkbox',
  'radio',
  'button',
  'submit',
  'reset',
  'range',
  'color',
])

/** Whether the user is typing; shortcuts must never steal letters from a text field. */
export function isTyping(
  press: Pick<KeyPress, 'targetTag' | 'targetType' | 'targetEditable'>,
): boolean {
  if (press.targetEditable) return true
  const tag = press.targetTag.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  return tag === 'INPUT' && !NON_TEXT_INPUTS.has(press.targetType.toLowerCase())
}

const ARROWS: Record<string, { dx: number; dy: number }> = {
  ArrowLeft: { dx: -1, dy: 0 },
  ArrowRight: { dx: 1, dy: 0 },
  ArrowUp: { dx: 0, dy: -1 },
  ArrowDown: { dx: 0, dy: 1 },
}

/** Keys that operate the focused control itself (a button, a slider, a checkbox). */
function ownedByControl(press: KeyPress): boolean {
  const tag = press.targetTag.toUpperCase()
  const activates = press.key === 'Enter' || press.key === ' '
  if ((tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') && activates) return true
  if (tag === 'INPUT' && press.targetType === 'range' && press.key in ARROWS) return true
  return (
    tag === 'INPUT' &&
    (press.targetType === 'checkbox' || press.targetType === 'radio') &&
    activates
  )
}

/**
 * Maps a key press to a command, or null to leave the key alone. Nothing fires while the user types
 * in a field except Escape, which types nothing; keys a focused control uses stay with it.
 */
export function commandFor(press: KeyPress, context: KeyContext = {}): KeyCommand | null {
  if (press.key === 'Escape') return { type: 'escape' }
  if (isTyping(press)) return null
  if (ownedByControl(press) && !(context.boxEntry && press.key === 'Enter')) return null
  const primary = context.mac ? press.metaKey : press.ctrlKey
  const shift = press.shiftKey ?? false
  const arrow = ARROWS[press.key]
  if (arrow) return arrowCommand(arrow, press, primary, shift)
  if (primary) return primaryCommand(press.key.toLowerCase(), shift)
  if (press.ctrlKey || press.metaKey || press.altKey) return null
  if (press.key === 'Tab')
    return context.onBoxes ? { type: 'box.cycle', step: shift ? -1 : 1 } : null
  if (press.key === 'Enter') {
    if (context.drawing) return { type: 'box.place' }
    return context.onBoxes ? { type: 'review.accept' } : null
  }
  if (press.key === 'Delete') return { type: 'box.delete' }
  if (press.key === 'Backspace')
    return context.reviewing ? { type: 'review.reject' } : { type: 'box.delete' }
  if (press.key === ' ') return { type: 'view.pan-hold' }
  if (press.key === '?') return { type: 'help' }
  if (/^[1-9]$/.test(press.key)) return { type: 'class.pick', index: Number(press.key) - 1 }
  return letterCommand(press.key.toLowerCase())
}

function letterCommand(key: string): KeyCommand | null {
  switch (key) {
    case 'a':
      return { type: 'image.previous' }
    case 'd':
      return { type: 'image.next' }
    case 'r':
      return { type: 'tool.draw' }
    case 'f':
      return { type: 'view.fit' }
    case 'h':
      return { type: 'boxes.toggle' }
    case 'i':
      return { type: 'model.run' }
    case 'n':
      return { type: 'review.next-image' }
    case 'l':
      return { type: 'lab.open' }
    default:
      return null
  }
}

function primaryCommand(key: string, shift: boolean): KeyCommand | null {
  switch (key) {
    case 'z':
      return shift ? { type: 'history.redo' } : { type: 'history.undo' }
    case 'y':
      return { type: 'history.redo' }
    case 'c':
      return { type: 'box.copy' }
    case 'v':
      return { type: 'box.paste' }
    case 'd':
      return { type: 'box.duplicate' }
    case 'f':
      return { type: 'view.fit' }
    case '0':
      return { type: 'view.actual-size' }
    case '+':
    case '=':
      return { type: 'view.zoom', factor: 1.25 }
    case '-':
    case '_':
      return { type: 'view.zoom', factor: 1 / 1.25 }
    case 'b':
      return { type: 'batch.run' }
    case 'enter':
      return { type: 'review.mark-done' }
    case 's':
      return { type: 'save' }
    default:
      return null
  }
}

/**
 * Arrows nudge the selection (Shift: 10 px); Alt+arrow moves the right or bottom edge and
 * Ctrl/Cmd+arrow the left or top edge, so every edge can be set from the keyboard.
 */
function arrowCommand(
  arrow: { dx: number; dy: number },
  press: KeyPress,
  primary: boolean,
  shift: boolean,
): KeyCommand {
  const step = shift ? 10 : 1
  const delta = (arrow.dx + arrow.dy) * step
  const horizontal = arrow.dx !== 0
  if (press.altKey) return { type: 'box.edge', edge: horizontal ? 'right' : 'bottom', delta }
  if (primary) return { type: 'box.edge', edge: horizontal ? 'left' : 'top', delta }
  return { type: 'box.nudge', dx: arrow.dx * step, dy: arrow.dy * step }
}
