import { describe, expect, it } from 'vitest'
import { readScaledFraction, readUnit, toPercent } from '../../../src/cli/confidence'
import {
  applyProfileDefaults,
  planModel,
  splitClasses,
  type ModelFlags,
} from '../../../src/cli/model-args'
import { modelSpec } from '../../../src/shared/model-spec'

const flags = (partial: Partial<ModelFlags>): ModelFlags => ({
  model: undefined,
  classes: [],
  prompts: [],
  examples: undefined,
  confidence: undefined,
  overlap: undefined,
  boxThreshold: undefined,
  textThreshold: undefined,
  ...partial,
})

describe('confidence scale', () => {
  it('reads below 1 as a fraction and from 1 up as a percent, like the legacy route (§1.3)', () => {
    expect(readScaledFraction('--confidence', 0.5)).toBe(0.5)
    expect(readScaledFraction('--confidence', 0)).toBe(0)
    expect(readScaledFraction('--confidence', 50)).toBe(0.5)
    expect(readScaledFraction('--confidence', 100)).toBe(1)
    // The server's own edge case: 1 is 1%, not 100%.
    expect(readScaledFraction('--confidence', 1)).toBe(0.01)
  })

  it('refuses values outside 0..100 and thresholds outside 0..1', () => {
    expect(() => readScaledFraction('--confidence', 101)).toThrow(/--confidence must be/)
    expect(() => readScaledFraction('--overlap', -0.1)).toThrow(/--overlap must be/)
    expect(() => readUnit('--box-threshold', 35)).toThrow(/--box-threshold must be between 0 and 1/)
    expect(readUnit('--text-threshold', 0.25)).toBe(0.25)
  })

  it('turns fractions into clean percents', () => {
    expect(toPercent(0.07)).toBe(7)
    expect(toPercent(0.333)).toBe(33.3)
  })
})

describe('flags to model spec', () => {
  it('maps grounding-dino with its classes and thresholds', () => {
    const plan = planModel(
      flags({
        model: 'grounding-dino',
        classes: ['dog, cat', ' ', 'bird'],
        boxThreshold: 0.4,
        textThreshold: 0.2,
      }),
    )
    expect(plan).toEqual({
      spec: {
        kind: 'grounding-dino',
        classes: ['dog', 'cat', 'bird'],
        boxThreshold: 0.4,
        textThreshold: 0.2,
      },
      examplesPath: null,
    })
    expect(modelSpec.safeParse(plan.spec).success).toBe(true)
  })

  it('tells grounding-dino users to use --box-threshold instead of --confidence', () => {
    expect(() =>
      planModel(flags({ model: 'grounding-dino', classes: ['a'], confidence: 0.5 })),
    ).toThrow(/no --confidence: use --box-threshold/)
    expect(() => planModel(flags({ model: 'grounding-dino' }))).toThrow(/needs the classes/)
  })

  it('maps owlv2 to a spec awaiting its references, with the confidence scaled', () => {
    expect(planModel(flags({ model: 'owlv2', examples: 'c.json', confidence: 99 }))).toEqual({
      spec: { kind: 'owlv2', references: [], confidence: 0.99 },
      examplesPath: 'c.json',
    })
    expect(planModel(flags({ model: 'owlv2', examples: 'c.json' })).spec).toEqual({
      kind: 'owlv2',
      references: [],
    })
    expect(() => planModel(flags({ model: 'owlv2' }))).toThrow(/--examples <coco.json>/)
    expect(() => planModel(flags({ model: 'owlv2', examples: 'c.json', classes: ['a'] }))).toThrow(
      /category names in the --examples file/,
    )
  })

  it('maps moondream2 prompts, one object each', () => {
    expect(planModel(flags({ model: 'moondream2', prompts: ['red car', ' bike '] })).spec).toEqual({
      kind: 'moondream2',
      prompts: ['red car', 'bike'],
    })
    expect(() => planModel(flags({ model: 'moondream2' }))).toThrow(/--prompt "red car"/)
    expect(() =>
      planModel(flags({ model: 'moondream2', prompts: ['a'], confidence: 0.5 })),
    ).toThrow(/scores every box 1.0/)
    expect(() => planModel(flags({ model: 'moondream2', prompts: ['a'], classes: ['b'] }))).toThrow(
      /from --prompt/,
    )
  })

  it('maps <project>/<version> to a hosted spec with percents and a class filter', () => {
    const plan = planModel(
      flags({ model: 'shapes/1', classes: ['red'], confidence: 0.5, overlap: 30 }),
    )
    expect(plan.spec).toEqual({
      kind: 'hosted',
      project: 'shapes',
      version: 1,
      classes: ['red'],
      confidence: 50,
      overlap: 30,
    })
    expect(modelSpec.safeParse(plan.spec).success).toBe(true)
    expect(planModel(flags({ model: 'my-proj.v2/12' })).spec).toEqual({
      kind: 'hosted',
      project: 'my-proj.v2',
      version: 12,
      classes: [],
    })
  })

  it('rejects flags a model would silently ignore, naming flag and model', () => {
    expect(() => planModel(flags({ model: 'shapes/1', boxThreshold: 0.3 }))).toThrow(
      '--box-threshold does not apply to the hosted model shapes/1.',
    )
    expect(() =>
      planModel(flags({ model: 'grounding-dino', classes: ['a'], overlap: 0.3 })),
    ).toThrow('--overlap does not apply to Grounding DINO.')
    expect(() => planModel(flags({ model: 'owlv2', examples: 'c', prompts: ['a'] }))).toThrow(
      '--prompt does not apply to OwlV2.',
    )
    expect(() => planModel(flags({ model: 'moondream2', prompts: ['a'], examples: 'c' }))).toThrow(
      '--examples does not apply to Moondream2.',
    )
  })

  it('asks for a model and explains the accepted names', () => {
    expect(() => planModel(flags({}))).toThrow(/Choose a model with --model/)
    expect(() => planModel(flags({ model: 'yolo' }))).toThrow(/Unknown model "yolo"/)
    expect(() => planModel(flags({ model: 'a/b/1' }))).toThrow(/<project>\/<version>/)
  })

  it('splits repeated, comma-separated classes', () => {
    expect(splitClasses(['a,b', ' c ', ',,'])).toEqual(['a', 'b', 'c'])
  })

  it("fills in the profile's OwlV2 version and Moondream model", () => {
    const defaults = {
      owlv2VersionId: 'owlv2-base-patch16-ensemble',
      moondreamModelId: 'moondream2/moondream2_2b_jul24',
    }
    expect(applyProfileDefaults({ kind: 'owlv2', references: [] }, defaults)).toEqual({
      kind: 'owlv2',
      references: [],
      versionId: 'owlv2-base-patch16-ensemble',
    })
    expect(applyProfileDefaults({ kind: 'moondream2', prompts: ['a'] }, defaults)).toMatchObject({
      modelId: 'moondream2/moondream2_2b_jul24',
    })
    const gd = { kind: 'grounding-dino' as const, classes: ['a'] }
    expect(applyProfileDefaults(gd, defaults)).toBe(gd)
    expect(applyProfileDefaults(gd, undefined)).toBe(gd)
  })
})
