import { describe, expect, it } from 'vitest'
import {
  groupByColor,
  toBoxItems,
  UNKNOWN_CLASS_COLOR,
} from '../../../src/renderer/src/core/box-items'

const box = { x: 1, y: 2, width: 3, height: 4 }

describe('toBoxItems', () => {
  it('labels each box with class and confidence and colours it by class', () => {
    const colors = new Map([['dog', '#E69F00']])
    const items = toBoxItems(
      [
        { id: 'a', className: 'dog', confidence: 0.871, box },
        { id: 'b', className: 'ghost', confidence: 0.5, box },
      ],
      colors,
    )
    expect(items).toEqual([
      { id: 'a', box, color: '#E69F00', label: 'dog 0.87' },
      { id: 'b', box, color: UNKNOWN_CLASS_COLOR, label: 'ghost 0.50' },
    ])
  })
})

describe('groupByColor', () => {
  it('puts boxes of one colour together so each colour is stroked once', () => {
    const items = [
      { id: 'a', box, color: 'red', label: '' },
      { id: 'b', box, color: 'blue', label: '' },
      { id: 'c', box, color: 'red', label: '' },
    ]
    const groups = groupByColor(items)
    expect([...groups.keys()]).toEqual(['red', 'blue'])
    expect(groups.get('red')?.map((i) => i.id)).toEqual(['a', 'c'])
  })
})
