import { describe, expect, it } from 'vitest'
import { commandFor, isTyping, type KeyPress } from '../../../src/renderer/src/core/keymap'

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  targetTag: 'BODY',
  targetType: '',
  targetEditable: false,
  ...extra,
})

describe('keymap', () => {
  it('maps the ux-conventions table', () => {
    expect(commandFor(press('d'))).toEqual({ type: 'image.next' })
    expect(commandFor(press('A'))).toEqual({ type: 'image.previous' })
    expect(commandFor(press('r'))).toEqual({ type: 'tool.draw' })
    expect(commandFor(press('Delete'))).toEqual({ type: 'box.delete' })
    expect(commandFor(press('3'))).toEqual({ type: 'class.pick', index: 2 })
    expect(commandFor(press('h'))).toEqual({ type: 'boxes.toggle' })
    expect(commandFor(press('i'))).toEqual({ type: 'model.run' })
    expect(commandFor(press('f'))).toEqual({ type: 'view.fit' })
    expect(commandFor(press('?', { shiftKey: true }))).toEqual({ type: 'help' })
    expect(commandFor(press(' '))).toEqual({ type: 'view.pan-hold' })
  })

  it('opens the prompt lab with L, never while typing', () => {
    expect(commandFor(press('l'))).toEqual({ type: 'lab.open' })
    expect(commandFor(press('l', { targetTag: 'INPUT', targetType: 'text' }))).toBeNull()
  })

  it('uses Ctrl for commands, or Cmd on macOS', () => {
    const ctrl = (key: string, extra: Partial<KeyPress> = {}) =>
      commandFor(press(key, { ctrlKey: true, ...extra }))
    expect(ctrl('z')).toEqual({ type: 'history.undo' })
    expect(ctrl('Z', { shiftKey: true })).toEqual({ type: 'history.redo' })
    expect(ctrl('y')).toEqual({ type: 'history.redo' })
    expect(ctrl('c')).toEqual({ type: 'box.copy' })
    expect(ctrl('v')).toEqual({ type: 'box.paste' })
    expect(ctrl('d')).toEqual({ type: 'box.duplicate' })
    expect(ctrl('b')).toEqual({ type: 'batch.run' })
    expect(ctrl('0')).toEqual({ type: 'view.actual-size' })
    expect(ctrl('=')).toEqual({ type: 'view.zoom', factor: 1.25 })
    expect(ctrl('-')).toEqual({ type: 'view.zoom', factor: 0.8 })
    expect(ctrl('f')).toEqual({ type: 'view.fit' })
    expect(commandFor(press('z', { metaKey: true }), { mac: true })).toEqual({
      type: 'history.undo',
    })
    // On macOS, Ctrl+Z is not undo.
    expect(commandFor(press('z', { ctrlKey: true }), { mac: true })).toBeNull()
  })

  it('nudges with arrows (Shift: 10 px) and moves single edges with Alt and Ctrl', () => {
    expect(commandFor(press('ArrowLeft'))).toEqual({ type: 'box.nudge', dx: -1, dy: 0 })
    expect(commandFor(press('ArrowDown', { shiftKey: true }))).toEqual({
      type: 'box.nudge',
      dx: 0,
      dy: 10,
    })
    expect(commandFor(press('ArrowRight', { altKey: true }))).toEqual({
      type: 'box.edge',
      edge: 'right',
      delta: 1,
    })
    expect(commandFor(press('ArrowUp', { altKey: true, shiftKey: true }))).toEqual({
      type: 'box.edge',
      edge: 'bottom',
      delta: -10,
    })
    expect(commandFor(press('ArrowLeft', { ctrlKey: true }))).toEqual({
      type: 'box.edge',
      edge: 'left',
      delta: -1,
    })
  })

  it('reviews with Enter and Backspace, and deletes with Backspace when not reviewing', () => {
    expect(commandFor(press('Enter'), { onBoxes: true })).toEqual({ type: 'review.accept' })
    expect(commandFor(press('Enter'))).toBeNull()
    expect(commandFor(press('Enter'), { drawing: true })).toEqual({ type: 'box.place' })
    expect(commandFor(press('Backspace'), { reviewing: true })).toEqual({ type: 'review.reject' })
    expect(commandFor(press('Backspace'))).toEqual({ type: 'box.delete' })
  })

  it('cycles boxes with Tab only where boxes have the focus, so Tab still moves through the page', () => {
    expect(commandFor(press('Tab'), { onBoxes: true })).toEqual({ type: 'box.cycle', step: 1 })
    expect(commandFor(press('Tab', { shiftKey: true }), { onBoxes: true })).toEqual({
      type: 'box.cycle',
      step: -1,
    })
    expect(commandFor(press('Tab'))).toBeNull()
  })

  it('fires nothing while typing in a field, except Escape', () => {
    const inField = { targetTag: 'INPUT', targetType: 'text' }
    for (const key of ['d', 'r', '1', 'Delete', 'Backspace', 'ArrowLeft', ' ', '?']) {
      expect(commandFor(press(key, inField)), key).toBeNull()
    }
    expect(commandFor(press('z', { ...inField, ctrlKey: true }))).toBeNull()
    expect(commandFor(press('x', { targetTag: 'TEXTAREA' }))).toBeNull()
    expect(commandFor(press('d', { targetTag: 'DIV', targetEditable: true }))).toBeNull()
    expect(commandFor(press('Escape', inField))).toEqual({ type: 'escape' })
  })

  it('leaves Enter and Space to a focused button and arrows to a slider', () => {
    expect(commandFor(press('Enter', { targetTag: 'BUTTON' }), { onBoxes: true })).toBeNull()
    expect(commandFor(press(' ', { targetTag: 'BUTTON' }))).toBeNull()
    // A box's own button in the list: Enter decides the box, Space still presses the button.
    const boxEntry = { onBoxes: true, boxEntry: true }
    expect(commandFor(press('Enter', { targetTag: 'BUTTON' }), boxEntry)).toEqual({
      type: 'review.accept',
    })
    expect(commandFor(press(' ', { targetTag: 'BUTTON' }), boxEntry)).toBeNull()
    expect(commandFor(press('Tab', { targetTag: 'BUTTON' }), boxEntry)).toEqual({
      type: 'box.cycle',
      step: 1,
    })
    expect(commandFor(press('ArrowLeft', { targetTag: 'INPUT', targetType: 'range' }))).toBeNull()
    // Letters still work from a focused checkbox or button.
    expect(commandFor(press('i', { targetTag: 'INPUT', targetType: 'checkbox' }))).toEqual({
      type: 'model.run',
    })
  })

  it('treats number fields as text entry so digits stay in them', () => {
    expect(isTyping({ targetTag: 'input', targetType: 'number', targetEditable: false })).toBe(true)
  })
})
