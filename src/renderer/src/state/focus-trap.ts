/** Keeps Tab inside a modal dialog, wrapping at both ends, instead of leaving for the browser. */
export function trapFocus(dialog: HTMLElement | undefined | null, event: KeyboardEvent): void {
  if (event.key !== 'Tab' || !dialog) return
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]'),
  ].filter((el) => !el.hasAttribute('disabled') && el.tabIndex >= 0 && el.offsetParent !== null)
  const first = focusable[0]
  const last = focusable.at(-1)
  if (!first || !last) return
  const current = document.activeElement
  const inside = dialog.contains(current)
  if (event.shiftKey && (current === first || !inside)) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (current === last || !inside)) {
    event.preventDefault()
    first.focus()
  }
}
