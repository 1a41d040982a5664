import { describe, expect, it } from 'vitest'
import {
  formatBox,
  formatConfidence,
  round4,
  formatSize,
  round1,
  round2,
  summarizeResult,
} from '../../../src/renderer/src/core/format'

const box = { x: 0, y: 0, width: 1, height: 1 }

describe('format', () => {
  it('rounds to one decimal for the list data attributes', () => {
    expect(round1(12.345)).toBe(12.3)
    expect(round1(0.87)).toBe(0.9)
    expect(round1(100)).toBe(100)
  })

  it('shows confidence with two decimals, and exposes it so to tests', () => {
    expect(formatConfidence(0.8749)).toBe('0.87')
    expect(round2(0.8749)).toBe(0.87)
    expect(formatConfidence(1)).toBe('1.00')
  })

  it('shows four decimals near 1, where OwlV2 scores must still differ', () => {
    expect(formatConfidence(0.99064)).toBe('0.9906')
    expect(formatConfidence(0.99981)).toBe('0.9998')
    expect(round4(0.99981)).toBe(0.9998)
  })

  it('shows a box as "x, y, w×h" in whole pixels', () => {
    expect(formatBox({ x: 10.4, y: 20.6, width: 100.5, height: 50 })).toBe('10, 21, 101×50')
  })

  it('summarises a result with counts and time', () => {
    const detections = [
      { id: 'a', className: 'dog', confidence: 0.9, box },
      { id: 'b', className: 'dog', confidence: 0.8, box },
      { id: 'c', className: 'person', confidence: 0.7, box },
    ]
    expect(summarizeResult({ detections, elapsedMs: 411.6 })).toBe('3 boxes · 2 classes · 412 ms')
  })

  it('uses the singular for one box and one class', () => {
    const detections = [{ id: 'a', className: 'dog', confidence: 0.9, box }]
    expect(summarizeResult({ detections, elapsedMs: 5 })).toBe('1 box · 1 class · 5 ms')
  })

  it('shows an image size in pixels', () => {
    expect(formatSize(4032, 3024)).toBe('4032 × 3024 px')
  })
})
