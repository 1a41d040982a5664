import { describe, expect, it } from 'vitest'
import { isTyping, shortcutFor, type KeyPress } from '../../../src/renderer/src/core/shortcuts'

const onBody: KeyPress = {
  key: 'i',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  targetTag: 'BODY',
  targetType: '',
  targetEditable: false,
}

describe('shortcutFor', () => {
  it('runs detection on I and fits on F, in either case', () => {
    expect(shortcutFor(onBody)).toBe('detect')
    expect(shortcutFor({ ...onBody, key: 'I' })).toBe('detect')
    expect(shortcutFor({ ...onBody, key: 'f' })).toBe('fit')
  })

  it('never fires while the user types in a text field', () => {
    expect(shortcutFor({ ...onBody, targetTag: 'INPUT', targetType: 'text' })).toBeNull()
    expect(shortcutFor({ ...onBody, targetTag: 'TEXTAREA' })).toBeNull()
    expect(shortcutFor({ ...onBody, targetTag: 'DIV', targetEditable: true })).toBeNull()
  })

  it('still fires from a focused checkbox or button', () => {
    expect(shortcutFor({ ...onBody, targetTag: 'INPUT', targetType: 'checkbox' })).toBe('detect')
    expect(shortcutFor({ ...onBody, targetTag: 'BUTTON' })).toBe('detect')
  })

  it('leaves modified keys (Ctrl+I, Cmd+F) to the system', () => {
    expect(shortcutFor({ ...onBody, ctrlKey: true })).toBeNull()
    expect(shortcutFor({ ...onBody, key: 'f', metaKey: true })).toBeNull()
  })

  it('draws boxes on R and leaves the mode on Escape, even from a text field', () => {
    expect(shortcutFor({ ...onBody, key: 'r' })).toBe('draw')
    expect(shortcutFor({ ...onBody, key: 'R' })).toBe('draw')
    expect(shortcutFor({ ...onBody, key: 'r', targetTag: 'INPUT', targetType: 'text' })).toBeNull()
    expect(shortcutFor({ ...onBody, key: 'Escape' })).toBe('escape')
    expect(shortcutFor({ ...onBody, key: 'Escape', targetTag: 'INPUT', targetType: 'text' })).toBe(
      'escape',
    )
  })

  it('ignores other keys', () => {
    expect(shortcutFor({ ...onBody, key: 'x' })).toBeNull()
  })
})

describe('isTyping', () => {
  it('treats number fields as text entry so digits and letters stay in them', () => {
    expect(isTyping({ targetTag: 'input', targetType: 'number', targetEditable: false })).toBe(true)
  })
})
