/** One row of the `?` cheat sheet; `Mod` reads Ctrl, or ⌘ on macOS. */
export interface ShortcutRow {
  keys: string[]
  action: string
}

export interface ShortcutGroup {
  title: string
  rows: ShortcutRow[]
}

/** The keys keymap.ts maps, in words (ux-conventions.md's table plus the review keys). */
export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Images',
    rows: [
      { keys: ['D', 'A'], action: 'Next / previous image' },
      { keys: ['N'], action: 'Next image to review (suggestions, or nothing found to check)' },
      { keys: ['I'], action: 'Run the model on this image' },
      { keys: ['Mod+B'], action: 'Run the model on all images' },
      { keys: ['L'], action: 'Open the prompt lab: measure and compare prompts' },
    ],
  },
  {
    title: 'Boxes',
    rows: [
      { keys: ['R'], action: 'Draw boxes (stays on until Esc)' },
      { keys: ['Enter'], action: 'While drawing: a box in the middle of the view' },
      { keys: ['1 … 9'], action: 'Pick the class; relabels the selected box' },
      { keys: ['Tab', 'Shift+Tab'], action: 'Next / previous box (on the canvas or list)' },
      { keys: ['Arrows'], action: 'Nudge the selected box (Shift: 10 px)' },
      { keys: ['Alt+Arrows'], action: 'Move the right or bottom edge' },
      { keys: ['Mod+Arrows'], action: 'Move the left or top edge' },
      { keys: ['Delete'], action: 'Delete the selected box' },
      { keys: ['Mod+C', 'Mod+V', 'Mod+D'], action: 'Copy / paste / duplicate' },
      { keys: ['H'], action: 'Hide or show all boxes' },
    ],
  },
  {
    title: 'Review',
    rows: [
      { keys: ['Enter'], action: 'Accept the selected suggestion, go to the next' },
      { keys: ['Backspace'], action: 'Reject the selected suggestion, go to the next' },
      {
        keys: ['Mod+Enter'],
        action: 'Mark the image done (e.g. confirm it empty), go to the next',
      },
    ],
  },
  {
    title: 'History and view',
    rows: [
      { keys: ['Mod+Z'], action: 'Undo' },
      { keys: ['Mod+Shift+Z', 'Mod+Y'], action: 'Redo' },
      { keys: ['Mod+S'], action: 'Save now (every change is saved anyway)' },
      { keys: ['F', 'Mod+F'], action: 'Fit the image' },
      { keys: ['Mod+0'], action: 'Actual size (1:1)' },
      { keys: ['Mod++', 'Mod+-'], action: 'Zoom in / out (the wheel zooms at the cursor)' },
      { keys: ['Space+drag'], action: 'Pan (or drag with the middle button)' },
      { keys: ['Esc'], action: 'Stop drawing, clear the selection' },
      { keys: ['?'], action: 'This list' },
    ],
  },
]

/** Spells `Mod` for the platform: ⌘ on macOS, Ctrl elsewhere. */
export function spellKeys(keys: string, mac: boolean): string {
  return keys.replace(/Mod\+/g, mac ? '⌘' : 'Ctrl+')
}
