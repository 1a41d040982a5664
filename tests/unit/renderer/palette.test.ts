import { describe, expect, it } from 'vitest'
import {
  CLASS_PALETTE,
  classColor,
  classColors,
  classOrder,
  textColorOn,
} from '../../../src/renderer/src/core/palette'

const box = { x: 0, y: 0, width: 1, height: 1 }

describe('class colours', () => {
  it('follows the Okabe-Ito order and wraps around after the last colour', () => {
    expect(classColor(0)).toBe('#E69F00')
    expect(classColor(1)).toBe('#56B4E9')
    expect(classColor(CLASS_PALETTE.length)).toBe(classColor(0))
  })

  it('orders classes as sent in the prompt, then any the server added', () => {
    const order = classOrder({
      mapping: [
        { prompt: 'dog', className: 'dog' },
        { prompt: 'person', className: 'person' },
      ],
      detections: [
        { id: 'a', className: 'person', confidence: 0.9, box },
        { id: 'b', className: 'cat', confidence: 0.5, box },
        { id: 'c', className: 'dog', confidence: 0.6, box },
      ],
    })
    expect(order).toEqual(['dog', 'person', 'cat'])
    expect(classColors(order).get('cat')).toBe(classColor(2))
  })

  it("follows the user's class list rather than the server's most-specific-first order", () => {
    const order = classOrder(
      {
        mapping: [
          { prompt: 'hot dog', className: 'hot dog' },
          { prompt: 'dog', className: 'Dog' },
        ],
        detections: [],
      },
      ['Dog', 'hot dog'],
    )
    expect(order).toEqual(['Dog', 'hot dog'])
  })
})

describe('textColorOn', () => {
  it('puts dark text on yellow and orange, light text on blue', () => {
    expect(textColorOn('#F0E442')).toBe('#111111')
    expect(textColorOn('#E69F00')).toBe('#111111')
    expect(textColorOn('#0072B2')).toBe('#FFFFFF')
  })
})
