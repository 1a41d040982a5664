import { describe, expect, it } from 'vitest'
import type { ExemplarSet } from '../../../src/renderer/src/core/exemplars'
import {
  candidateClasses,
  candidateFromSpec,
  sameModel,
  suggestName,
} from '../../../src/renderer/src/core/lab-candidate'

const image = (id: string, path: string) => ({
  id,
  name: path.split('/').at(-1) ?? path,
  path,
  width: 400,
  height: 300,
  url: `app-image://${id}`,
})
const box = { x: 10, y: 20, width: 30, height: 40 }

/** A project reference with one example, one outside the project, and one without boxes. */
const SET: ExemplarSet = [
  {
    image: image('i1', '/images/photos/ref-a.png'),
    key: 'ref-a.png',
    boxes: [
      { id: 'e1', box, className: 'red', negative: false },
      { id: 'e2', box: { ...box, x: 100 }, className: 'red', negative: true },
    ],
  },
  {
    image: image('i2', '/elsewhere/ref-b.png'),
    key: null,
    boxes: [{ id: 'e3', box, className: 'green', negative: false }],
  },
  { image: image('i3', '/images/photos/empty.png'), key: 'empty.png', boxes: [] },
]

describe('candidateFromSpec', () => {
  it('takes Grounding DINO’s prompt as it is, cut at its box threshold', () => {
    const spec = {
      kind: 'grounding-dino' as const,
      classes: ['red', 'blue'],
      boxThreshold: 0.3,
      textThreshold: 0.25,
      classAgnosticNms: false,
    }
    expect(candidateFromSpec(spec, [])).toEqual({
      model: spec,
      cut: { global: 0.3, perClass: {} },
    })
  })

  it('keeps OwlV2 references by project key, others by path, and drops images without boxes', () => {
    const spec = {
      kind: 'owlv2' as const,
      references: [{ imageId: 'i1', boxes: [] }],
      confidence: 0.99,
      versionId: 'owlv2-base',
    }
    const draft = candidateFromSpec(spec, SET)
    expect(draft.cut).toEqual({ global: 0.99, perClass: {} })
    expect(draft.model).toEqual({
      kind: 'owlv2',
      confidence: 0.99,
      versionId: 'owlv2-base',
      references: [
        {
          key: 'ref-a.png',
          boxes: [
            { box, className: 'red', negative: false },
            { box: { ...box, x: 100 }, className: 'red', negative: true },
          ],
        },
        { path: '/elsewhere/ref-b.png', boxes: [{ box, className: 'green', negative: false }] },
      ],
    })
    // Counter-examples do not make a class of their own.
    expect(candidateClasses(draft.model)).toEqual(['red', 'green'])
  })

  it('cuts a hosted model at its confidence as a fraction, without the one-picture fields', () => {
    const spec = {
      kind: 'hosted' as const,
      project: 'shapes',
      version: 2,
      confidence: 40,
      overlap: 30,
      classes: ['red'],
      format: 'image' as const,
      imageUrl: 'https://example.com/one.jpg',
    }
    expect(candidateFromSpec(spec, [])).toEqual({
      model: {
        kind: 'hosted',
        project: 'shapes',
        version: 2,
        confidence: 40,
        overlap: 30,
        classes: ['red'],
        format: 'json',
      },
      cut: { global: 0.4, perClass: {} },
    })
  })

  it('cuts Moondream2 at 0, since it gives no scores', () => {
    const spec = { kind: 'moondream2' as const, prompts: ['red car'], modelId: 'moondream2/x' }
    expect(candidateFromSpec(spec, []).cut).toEqual({ global: 0, perClass: {} })
  })
})

describe('names and twins', () => {
  const gd = (classes: string[]) => ({ kind: 'grounding-dino' as const, classes })

  it('suggests the model and its classes, numbered when the name is taken', () => {
    expect(suggestName(gd(['red', 'blue']), [])).toBe('Grounding DINO: red, blue')
    expect(
      suggestName(gd(['red', 'blue']), [
        'Grounding DINO: red, blue',
        'Grounding DINO: red, blue (2)',
      ]),
    ).toBe('Grounding DINO: red, blue (3)')
    const long = suggestName(gd(Array.from({ length: 20 }, (_, i) => `class ${i}`)), [])
    expect(long).toHaveLength(60)
    expect(long.endsWith('…')).toBe(true)
  })

  it('finds the same prompt spelled with and without its defaults', () => {
    // The schema's defaults: box 0.35, text 0.25, no class-agnostic NMS.
    const spelled = {
      ...gd(['red']),
      boxThreshold: 0.35,
      textThreshold: 0.25,
      classAgnosticNms: false,
    }
    expect(sameModel(gd(['red']), spelled)).toBe(true)
    expect(sameModel(gd(['red']), { ...spelled, textThreshold: 0.4 })).toBe(false)
    expect(sameModel(gd(['red']), gd(['red', 'blue']))).toBe(false)
  })

  it('takes a prompt that differs only in its score threshold for the same one: that is its cut', () => {
    expect(sameModel(gd(['red']), { ...gd(['red']), boxThreshold: 0.9424 })).toBe(true)
    const hosted = { kind: 'hosted' as const, project: 'shapes', version: 1, classes: ['red'] }
    expect(sameModel(hosted, { ...hosted, confidence: 80 })).toBe(true)
    expect(sameModel(hosted, { ...hosted, overlap: 80 })).toBe(false)
  })
})
