import { tick } from 'svelte'
import { commandFor, type KeyCommand, type KeyPress } from '../core/keymap'
import { screenToImage } from '../core/viewport'
import type { AppState } from './app-state.svelte'

/** Commands that may repeat while their key is held (auto-repeat). */
const REPEATS = new Set<KeyCommand['type']>([
  'box.nudge',
  'box.edge',
  'history.undo',
  'history.redo',
  'box.cycle',
])

/** Whether shortcuts use Cmd (macOS, iOS) rather than Ctrl. */
export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform)

/** What the DOM-free keymap needs of a key event and the element it reached. */
export function keyPressOf(event: KeyboardEvent): KeyPress {
  const target = event.target instanceof HTMLElement ? event.target : null
  return {
    key: event.key,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    altKey: event.altKey,
    shiftKey: event.shiftKey,
    targetTag: target?.tagName ?? '',
    targetType: target instanceof HTMLInputElement ? target.type : '',
    targetEditable: target?.isContentEditable ?? false,
  }
}

/** The one keyboard entry point of the workspace: maps the key (core/keymap) and carries it out. */
export function handleKeyDown(app: AppState, event: KeyboardEvent): void {
  if (event.defaultPrevented) return
  const target = event.target instanceof HTMLElement ? event.target : null
  // Dialogs (the exemplar builder, the cheat sheet, exports) own their keys.
  if (target?.closest('dialog, [role="dialog"]')) return
  const onBoxes = target?.closest('[data-testid="canvas.stage"], [data-box-id]') != null
  const command = commandFor(keyPressOf(event), {
    mac: isMac(),
    onBoxes,
    boxEntry: target?.hasAttribute('data-box-select') ?? false,
    reviewing: app.annotations.focused?.state === 'suggested',
    drawing: app.tools.tool === 'draw',
  })
  if (command === null || (event.repeat && !REPEATS.has(command.type))) return
  if (run(app, command, target)) event.preventDefault()
}

/** Space released: panning by drag ends. */
export function handleKeyUp(app: AppState, event: KeyboardEvent): void {
  if (event.key === ' ') app.tools.panHeld = false
}

/** Carries out a command; false when it did not apply, so the key keeps its usual meaning. */
function run(app: AppState, command: KeyCommand, target: HTMLElement | null): boolean {
  const { annotations: a, tools, review, view } = app
  switch (command.type) {
    case 'image.next':
      void app.image.next()
      return true
    case 'image.previous':
      void app.image.previous()
      return true
    case 'tool.draw':
      tools.setTool('draw')
      return true
    case 'escape':
      return escape(app)
    case 'box.delete':
      tools.deleteSelection()
      return a.selection.length > 0 || a.target !== null
    case 'box.copy':
      tools.copy()
      return a.selection.length > 0
    case 'box.paste':
      tools.paste()
      return true
    case 'box.duplicate':
      tools.duplicate()
      return true
    case 'box.cycle':
      tools.cycle(command.step, review.listed)
      void followFocus(app, target)
      return true
    case 'box.nudge':
      tools.nudge(command.dx, command.dy)
      return a.selection.length > 0
    case 'box.edge':
      tools.moveEdge(command.edge, command.delta)
      return a.selection.length > 0
    case 'box.place':
      placeBox(app)
      return true
    case 'class.pick':
      tools.pickClass(command.index)
      return true
    case 'review.accept':
      if (a.focused?.state === 'suggested') review.accept()
      else review.focusNext()
      void followFocus(app, target)
      return true
    case 'review.reject':
      review.reject()
      void followFocus(app, target)
      return true
    case 'review.next-image':
      void review.nextPendingImage()
      return true
    case 'review.mark-done':
      void review.markDone()
      return true
    case 'history.undo':
      a.undo()
      return true
    case 'history.redo':
      a.redo()
      return true
    case 'view.fit':
      view.fit()
      return true
    case 'view.actual-size':
      view.zoomBy(1 / view.viewport.scale)
      return true
    case 'view.zoom':
      view.zoomBy(command.factor)
      return true
    case 'view.pan-hold':
      tools.panHeld = true
      return true
    case 'boxes.toggle':
      tools.boxesHidden = !tools.boxesHidden
      return true
    case 'model.run':
      void app.detection.run()
      return true
    case 'batch.run':
      void app.batch.runAll()
      return true
    case 'lab.open':
      void app.lab.show()
      return app.project.info !== null
    case 'save':
      void a.flush()
      app.models.prompts.flush()
      return true
    case 'help':
      tools.cheatSheetOpen = true
      return true
  }
}

function escape(app: AppState): boolean {
  const { tools, annotations } = app
  if (tools.cheatSheetOpen) tools.cheatSheetOpen = false
  else if (tools.tool === 'draw') tools.setTool('select')
  else if (annotations.selection.length > 0) annotations.select([])
  else return false
  return true
}

/** Keyboard drawing: a box in the middle of the view, a quarter of its size, to fit with the keys. */
function placeBox(app: AppState): void {
  const { view, annotations } = app
  const target = annotations.target
  if (!target) return
  const centre = screenToImage(view.viewport, {
    x: view.container.width / 2,
    y: view.container.height / 2,
  })
  const side = Math.max(4, Math.round(Math.min(target.width, target.height) / 4))
  const x = Math.round(Math.min(Math.max(centre.x - side / 2, 0), Math.max(0, target.width - side)))
  const y = Math.round(
    Math.min(Math.max(centre.y - side / 2, 0), Math.max(0, target.height - side)),
  )
  app.tools.draw({ x, y, width: side, height: side })
}

/** When the keys were pressed in the box list, the focus follows the selected box there. */
async function followFocus(app: AppState, target: HTMLElement | null): Promise<void> {
  if (!target?.closest('[data-box-id]')) return
  await tick()
  const id = app.annotations.selection[0]
  if (id)
    document
      .querySelector<HTMLElement>(`[data-box-id="${CSS.escape(id)}"] [data-box-select]`)
      ?.focus()
}
