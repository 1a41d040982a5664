import { describe, expect, it } from 'vitest'
import { modelSpec } from '../../../src/shared/model-spec'
import { addExemplar, type ReferenceImage } from '../../../src/renderer/src/core/exemplars'
import {
  buildGroundingDinoSpec,
  buildHostedSpec,
  buildMoondreamSpec,
  buildOwlv2Spec,
  DEFAULT_HOSTED,
  parsePromptLines,
  requestedClasses,
  type SpecOutcome,
} from '../../../src/renderer/src/core/model-specs'
import { DEFAULT_PROMPT } from '../../../src/renderer/src/core/prompt'

/** Every spec a builder passes must also pass the contract's own schema, as main will check it. */
function expectValid(outcome: SpecOutcome) {
  expect(outcome.problem).toBeNull()
  expect(() => modelSpec.parse(outcome.spec)).not.toThrow()
  return outcome.spec
}

describe('buildGroundingDinoSpec', () => {
  it('sends the parsed classes and the thresholds', () => {
    const spec = expectValid(
      buildGroundingDinoSpec({ ...DEFAULT_PROMPT, classesText: 'dog, cat', boxThreshold: 0.4 }),
    )
    expect(spec).toEqual({
      kind: 'grounding-dino',
      classes: ['dog', 'cat'],
      boxThreshold: 0.4,
      textThreshold: 0.25,
      classAgnosticNms: false,
    })
  })

  it('asks for classes when there are none', () => {
    expect(buildGroundingDinoSpec(DEFAULT_PROMPT).problem).toMatch(/at least one class/)
  })
})

describe('buildMoondreamSpec', () => {
  it('sends one prompt per line, each as its own class', () => {
    const spec = expectValid(
      buildMoondreamSpec({ promptsText: 'red\n\n  blue   square \nRed', modelId: ' m/1 ' }),
    )
    expect(spec).toEqual({ kind: 'moondream2', prompts: ['red', 'blue square'], modelId: 'm/1' })
  })

  it('says what is missing: prompts, then the model id', () => {
    expect(buildMoondreamSpec({ promptsText: ' \n ', modelId: 'm' }).problem).toMatch(/prompt/)
    expect(buildMoondreamSpec({ promptsText: 'red', modelId: ' ' }).problem).toMatch(/model id/)
  })

  it('keeps commas inside a prompt, since each line is one object name (§1.6)', () => {
    expect(parsePromptLines('cup, blue\nplate')).toEqual(['cup, blue', 'plate'])
  })
})

describe('buildHostedSpec', () => {
  const filled = { ...DEFAULT_HOSTED, project: 'shapes' }

  it('starts from the hosted API defaults: confidence 40 %, overlap 30 %, JSON', () => {
    expect(expectValid(buildHostedSpec(filled))).toEqual({
      kind: 'hosted',
      project: 'shapes',
      version: 1,
      confidence: 40,
      overlap: 30,
      classes: [],
      format: 'json',
    })
  })

  it('sends the class filter, the rendered-image format and an https image URL', () => {
    const spec = expectValid(
      buildHostedSpec({
        ...filled,
        classesText: 'red, blue',
        renderImage: true,
        imageUrl: ' https://example.com/a.jpg ',
        confidence: '50%',
      }),
    )
    expect(spec).toMatchObject({
      classes: ['red', 'blue'],
      format: 'image',
      imageUrl: 'https://example.com/a.jpg',
      confidence: 50,
    })
  })

  it.each([
    [{ project: '' }, /project id/],
    [{ project: 'my project' }, /letters, digits/],
    [{ version: null }, /version/],
    [{ version: 1.5 }, /version/],
    [{ confidence: 140 }, /Confidence is a percent/],
    [{ overlap: null }, /Overlap is a percent/],
    [{ imageUrl: 'http://example.com/a.jpg' }, /https:\/\//],
  ])('explains what to fix for %o', (change, message) => {
    expect(buildHostedSpec({ ...filled, ...change }).problem).toMatch(message)
  })
})

describe('buildOwlv2Spec', () => {
  const image: ReferenceImage = {
    id: 'a',
    name: 'a.png',
    path: '/a.png',
    width: 100,
    height: 100,
    url: 'u',
  }
  const box = { x: 1, y: 2, width: 30, height: 40 }
  const references = addExemplar([], image, { id: '1', box, className: 'red', negative: false })

  it('sends the references, the confidence and the profile version', () => {
    const spec = expectValid(buildOwlv2Spec({ references, confidence: 0.99, versionId: 'v' }))
    expect(spec).toEqual({
      kind: 'owlv2',
      references: [{ imageId: 'a', boxes: [{ box, className: 'red', negative: false }] }],
      confidence: 0.99,
      versionId: 'v',
    })
  })

  it('asks for examples first, then for a confidence in 0..1', () => {
    expect(buildOwlv2Spec({ references: [], confidence: 0.99, versionId: 'v' }).problem).toMatch(
      /example/,
    )
    expect(buildOwlv2Spec({ references, confidence: 99, versionId: 'v' }).problem).toMatch(/0 to 1/)
  })
})

describe('requestedClasses', () => {
  it('lists what each kind asks for, in the editor order', () => {
    expect(requestedClasses(null)).toEqual([])
    expect(requestedClasses({ kind: 'moondream2', prompts: ['b', 'a'] })).toEqual(['b', 'a'])
    expect(requestedClasses({ kind: 'hosted', project: 'p', version: 1 })).toEqual([])
    const box = { x: 0, y: 0, width: 5, height: 5 }
    expect(
      requestedClasses({
        kind: 'owlv2',
        references: [
          {
            imageId: 'a',
            boxes: [
              { box, className: 'y' },
              { box, className: 'x' },
            ],
          },
          { imageId: 'b', boxes: [{ box, className: 'y' }] },
        ],
      }),
    ).toEqual(['y', 'x'])
  })
})
