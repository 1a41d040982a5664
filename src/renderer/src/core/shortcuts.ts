/** The app-wide commands reachable from a single key. */
export type ShortcutCommand = 'detect' | 'fit' | 'draw' | 'escape'

/** The parts of a KeyboardEvent and its target that decide a shortcut, so this stays DOM-free. */
export interface KeyPress {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  /** Tag name of the focused element, e.g. 'INPUT'. */
  targetTag: string
  /** `type` of an input element, lower case; '' otherwise. */
  targetType: string
  targetEditable: boolean
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

/**
 * Maps a key press to a command (ux-conventions.md): `I` runs the model, `F` fits the image, `R`
 * draws boxes until `Esc`, which also works from a text field since it types nothing.
 */
export function shortcutFor(press: KeyPress): ShortcutCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null
  if (press.key === 'Escape') return 'escape'
  if (isTyping(press)) return null
  switch (press.key.toLowerCase()) {
    case 'i':
      return 'detect'
    case 'f':
      return 'fit'
    case 'r':
      return 'draw'
    default:
      return null
  }
}
