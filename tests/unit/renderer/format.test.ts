import { describe, expect, it } from 'vitest'
import {
  formatBox,
  formatConfidence,
  round4,
  formatSize,
  round1,
  round2,
  describeFound,
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

  it('names the boxes a run found again on boxes already decided', () => {
    const detections = [{ id: 'a', className: 'dog', confidence: 0.9, box }]
    const tally = { found: 1, fresh: 0, alreadyKept: 1, rejected: 0 }
    expect(summarizeResult({ detections, elapsedMs: 5 }, tally)).toBe(
      '1 box, already kept · 1 class · 5 ms',
    )
  })

  it('says how many of a run’s boxes are new, kept already or rejected before', () => {
    const tally = (fresh: number, alreadyKept: number, rejected: number) => ({
      found: fresh + alreadyKept + rejected,
      fresh,
      alreadyKept,
      rejected,
    })
    expect(describeFound(tally(3, 0, 0))).toBe('3 boxes')
    expect(describeFound(tally(0, 0, 0))).toBe('0 boxes')
    expect(describeFound(tally(0, 2, 0))).toBe('2 boxes, all already kept')
    expect(describeFound(tally(0, 0, 1))).toBe('1 box you had rejected')
    expect(describeFound(tally(1, 2, 0))).toBe('3 boxes: 1 new, 2 already kept')
    expect(describeFound(tally(1, 0, 1))).toBe('2 boxes: 1 new, 1 you had rejected')
    expect(describeFound(tally(0, 1, 2))).toBe('3 boxes: 1 already kept, 2 you had rejected')
    expect(describeFound(tally(2, 1, 1))).toBe('4 boxes: 2 new, 1 already kept, 1 you had rejected')
  })

  it('shows an image size in pixels', () => {
    expect(formatSize(4032, 3024)).toBe('4032 × 3024 px')
  })
})
