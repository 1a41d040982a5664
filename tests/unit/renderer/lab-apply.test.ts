import { describe, expect, it } from 'vitest'
import { applyPlan, bestF1Cut, cutOf, requestCut } from '../../../src/renderer/src/core/lab-apply'
import type { LabModel } from '../../../src/shared/lab'
import { GOOD, NO_BLUE, candidate, gdModel, reportOf } from './lab-fixtures'

const cut = (global: number, perClass: Record<string, number> = {}) => ({ global, perClass })

describe('bestF1Cut', () => {
  it('puts each class at the score of its highest F1', () => {
    // Red: at 0.9 one of two found (F1 2/3), at 0.7 both (F1 1). Blue: its one box at 0.8.
    expect(bestF1Cut(reportOf(GOOD), cut(0.3))).toEqual(cut(0.3, { red: 0.7, blue: 0.8 }))
  })

  it('keeps the fallback for a class without an F1 (nothing found of it)', () => {
    // No blue at all: no threshold point, no best F1, so blue keeps the slider's own 0.45.
    const best = bestF1Cut(reportOf(NO_BLUE), cut(0.3, { blue: 0.45 }))
    expect(best.perClass['blue']).toBe(0.45)
    expect(cutOf(best, 'blue')).toBe(0.45)
    expect(bestF1Cut(null, cut(0.3))).toEqual(cut(0.3))
  })
})

describe('requestCut', () => {
  it('rounds down to four decimals so a box scoring exactly at the cut comes back', () => {
    expect(requestCut(0.42137)).toBe(0.4213)
    expect(requestCut(0.7)).toBe(0.7)
    // 0.102 * 10000 is 1019.9999999999999 in floating point; still 0.102, not 0.1019.
    expect(requestCut(0.102)).toBe(0.102)
  })
})

describe('applyPlan', () => {
  it('asks Grounding DINO at the lowest class cut and gives the review each class’s cut', () => {
    const plan = applyPlan(
      candidate('good', gdModel(['red', 'blue'])),
      cut(0.3, { red: 0.7, blue: 0.8 }),
    )
    expect(plan.editor).toEqual({
      kind: 'grounding-dino',
      classesText: 'red, blue',
      boxThreshold: 0.7,
      textThreshold: 0.25,
      classAgnosticNms: false,
    })
    expect(plan.requestThreshold).toBe(0.7)
    expect(plan.reviewCuts).toEqual({ red: 0.7, blue: 0.8 })
    expect(plan.lines).toEqual([
      'Model: Grounding DINO (classes red, blue)',
      'Box threshold 0.7 (the lowest class cut)',
      'Review cuts: red 0.700, blue 0.800',
    ])
  })

  it('gives a class without its own cut the global one', () => {
    const plan = applyPlan(candidate('c', gdModel(['red', 'blue'])), cut(0.4, { red: 0.6 }))
    expect(plan.reviewCuts).toEqual({ red: 0.6, blue: 0.4 })
    expect(plan.requestThreshold).toBe(0.4)
  })

  it('sets a hosted model’s confidence in percent', () => {
    const hosted: LabModel = {
      kind: 'hosted',
      project: 'shapes',
      version: 2,
      confidence: 40,
      overlap: 30,
      classes: ['red'],
      format: 'json',
    }
    const plan = applyPlan(candidate('h', hosted), cut(0.42137))
    expect(plan.editor).toMatchObject({ kind: 'hosted', confidence: 42.13, classesText: 'red' })
    expect(plan.lines[1]).toBe('Confidence 42.13 % (the lowest class cut)')
  })

  it('takes the classes of a custom model without a class filter from the cut', () => {
    const hosted: LabModel = {
      kind: 'hosted',
      project: 'shapes',
      version: 2,
      confidence: 40,
      overlap: 30,
      classes: [],
      format: 'json',
    }
    // Best F1 found red at 0.6 and blue at 0.7; other classes it may answer keep the global 0.5.
    const plan = applyPlan(candidate('h', hosted), cut(0.5, { red: 0.6, blue: 0.7 }))
    expect(plan.reviewCuts).toEqual({ red: 0.6, blue: 0.7 })
    expect(plan.requestThreshold).toBe(0.5)
    expect(plan.editor).toMatchObject({ confidence: 50, classesText: '' })
  })

  it('gives OwlV2 its references (project images by key) at the lowest cut', () => {
    const boxes = [{ box: { x: 1, y: 2, width: 3, height: 4 }, className: 'red', negative: false }]
    const owl: LabModel = {
      kind: 'owlv2',
      confidence: 0.99,
      versionId: 'owlv2-base',
      references: [
        { key: 'ref-a.png', boxes },
        { path: '/elsewhere/ref-b.png', boxes },
      ],
    }
    const plan = applyPlan(candidate('o', owl), cut(0.9906, { red: 0.9951 }))
    expect(plan.editor).toEqual({
      kind: 'owlv2',
      versionId: 'owlv2-base',
      set: {
        version: 1,
        confidence: 0.9951,
        references: [
          { key: 'ref-a.png', path: 'ref-a.png', boxes },
          { key: null, path: '/elsewhere/ref-b.png', boxes },
        ],
      },
    })
    expect(plan.lines[0]).toBe('Model: OwlV2 (2 reference images, 2 boxes)')
  })

  it('sets no cut for Moondream2, which gives no scores', () => {
    const moon: LabModel = { kind: 'moondream2', prompts: ['red car', 'dog'], modelId: 'm/1' }
    const plan = applyPlan(candidate('m', moon), cut(0.5))
    expect(plan.editor).toEqual({ kind: 'moondream2', promptsText: 'red car\ndog', modelId: 'm/1' })
    expect(plan.requestThreshold).toBeNull()
    expect(plan.reviewCuts).toEqual({})
    expect(plan.lines).toContain('Moondream2 gives no scores, so no cut is set.')
  })
})
