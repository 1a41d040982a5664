import { describe, expect, it } from 'vitest'
import type { AnnotationBox } from '../../../src/shared/annotations'
import {
  groupByLook,
  toBoxItems,
  UNKNOWN_CLASS_COLOR,
} from '../../../src/renderer/src/core/box-items'

const box = { x: 1, y: 2, width: 3, height: 4 }
const annotation = (id: string, extra: Partial<AnnotationBox>): AnnotationBox => ({
  id,
  className: 'dog',
  box,
  confidence: 0.5,
  source: 'model',
  state: 'suggested',
  ...extra,
})

describe('toBoxItems', () => {
  it("labels machine boxes with class and confidence, a person's boxes with the class alone", () => {
    const colors = new Map([['dog', '#E69F00']])
    const items = toBoxItems(
      [
        annotation('a', { confidence: 0.871 }),
        annotation('b', { className: 'ghost', state: 'accepted' }),
        annotation('c', { confidence: null, source: 'user', state: 'accepted' }),
      ],
      colors,
    )
    expect(items).toEqual([
      { id: 'a', box, color: '#E69F00', label: 'dog 0.87', pending: true, confidence: 0.871 },
      {
        id: 'b',
        box,
        color: UNKNOWN_CLASS_COLOR,
        label: 'ghost 0.50',
        pending: false,
        confidence: 0.5,
      },
      { id: 'c', box, color: '#E69F00', label: 'dog', pending: false, confidence: null },
    ])
  })
})

describe('groupByLook', () => {
  it('strokes each colour once for decided boxes and once for dashed suggestions', () => {
    const items = [
      { id: 'a', box, color: 'red', label: '', pending: false },
      { id: 'b', box, color: 'blue', label: '', pending: false },
      { id: 'c', box, color: 'red', label: '', pending: false },
      { id: 'd', box, color: 'red', label: '', pending: true },
    ]
    const groups = groupByLook(items)
    expect([...groups.keys()]).toEqual(['red|solid', 'blue|solid', 'red|dash'])
    expect(groups.get('red|solid')?.map((i) => i.id)).toEqual(['a', 'c'])
  })
})
