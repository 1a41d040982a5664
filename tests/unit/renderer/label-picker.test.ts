import { describe, expect, it } from 'vitest'
import {
  classForDigit,
  pickerOptions,
  preferredRow,
} from '../../../src/renderer/src/core/label-picker'

const classes = ['red', 'blue', 'red circle']

describe('the label picker after a box is drawn', () => {
  it('lists every class with its own number while nothing is typed', () => {
    expect(pickerOptions(classes, '')).toEqual([
      { name: 'red', index: 0 },
      { name: 'blue', index: 1 },
      { name: 'red circle', index: 2 },
    ])
  })

  it('filters by what is typed, case-insensitively, keeping each class’s number', () => {
    expect(pickerOptions(classes, 'CIR')).toEqual([
      { name: 'red circle', index: 2 },
      { name: 'CIR', index: null },
    ])
  })

  it('offers a new class only when no class has exactly that name, whatever its case', () => {
    expect(pickerOptions(classes, ' Blue ')).toEqual([{ name: 'blue', index: 1 }])
    expect(pickerOptions(classes, 'yellow   star')).toEqual([{ name: 'yellow star', index: null }])
  })

  it('starts on the class shown for drawing, else on the first row', () => {
    expect(preferredRow(pickerOptions(classes, ''), 'blue')).toBe(1)
    expect(preferredRow(pickerOptions(classes, 'red'), 'blue')).toBe(0)
    expect(preferredRow([], 'blue')).toBe(-1)
  })

  it('maps digits 1..9 to the classes by number, and nothing past the list', () => {
    expect(classForDigit(classes, '1')).toBe('red')
    expect(classForDigit(classes, '3')).toBe('red circle')
    expect(classForDigit(classes, '4')).toBeNull()
    expect(classForDigit(classes, '0')).toBeNull()
    expect(classForDigit(classes, 'a')).toBeNull()
  })
})
