import { moveEdge, translateBox } from '../core/document/box-ops'
import { commandFor } from '../core/keymap'
import { screenToImage } from '../core/viewport'
import type { ExemplarState } from './exemplar-state.svelte'
import { isMac, keyPressOf } from './key-dispatch'
import type { ViewState } from './view-state.svelte'

/**
 * The exemplar builder's keys, from the same keymap as the workspace: R draws (Enter places a box
 * in the middle), arrows nudge, Alt/Ctrl+arrows move edges, Tab cycles, Delete removes.
 */
export function handleExemplarKey(owl: ExemplarState, view: ViewState, event: KeyboardEvent): void {
  const target = event.target instanceof HTMLElement ? event.target : null
  const onBoxes = target?.closest('[data-testid="owlv2.canvas"], [data-exemplar-id]') != null
  const command = commandFor(keyPressOf(event), {
    mac: isMac(),
    onBoxes,
    drawing: owl.drawing,
  })
  const ref = owl.active
  if (!command || !ref) return
  const size = { width: ref.image.width, height: ref.image.height }
  const id = owl.selection[0]
  const box = ref.boxes.find((b) => b.id === id)
  switch (command.type) {
    case 'tool.draw':
      owl.startDrawing()
      break
    case 'escape':
      // Esc stops drawing, then clears the selection; only then does it close the dialog.
      if (owl.drawing) owl.stopDrawing()
      else if (owl.selection.length > 0) owl.selection = []
      else return
      break
    case 'box.place': {
      const centre = screenToImage(view.viewport, {
        x: view.container.width / 2,
        y: view.container.height / 2,
      })
      const side = Math.max(4, Math.round(Math.min(size.width, size.height) / 4))
      const placed = translateBox(
        { x: 0, y: 0, width: side, height: side },
        Math.round(centre.x - side / 2),
        Math.round(centre.y - side / 2),
        size,
      )
      owl.add(placed)
      break
    }
    case 'box.delete':
      if (!id) return
      owl.remove(ref.image.id, id)
      break
    case 'box.nudge':
      if (!box) return
      owl.update(ref.image.id, box.id, { box: translateBox(box.box, command.dx, command.dy, size) })
      break
    case 'box.edge':
      if (!box) return
      owl.update(ref.image.id, box.id, {
        box: moveEdge(box.box, command.edge, command.delta, size),
      })
      break
    case 'box.cycle': {
      const boxes = ref.boxes
      if (boxes.length === 0) return
      const at = boxes.findIndex((b) => b.id === id)
      const next = at === -1 ? 0 : (at + command.step + boxes.length) % boxes.length
      owl.selection = [boxes[next]?.id ?? '']
      break
    }
    case 'view.fit':
      view.fit()
      break
    default:
      return
  }
  event.preventDefault()
  event.stopPropagation()
}
