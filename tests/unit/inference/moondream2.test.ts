import { describe, expect, it } from 'vitest'
import {
  buildMoondreamRequest,
  moondreamPrompts,
  parseMoondreamResponse,
} from '../../../src/main/services/inference/moondream2'
import { AppError } from '../../../src/shared/errors'

const base = { imageBase64: 'SU1H', modelId: 'moondream2/moondream2-2b', prompt: 'red car' }

describe('buildMoondreamRequest', () => {
  it('follows infer_lmm: api_key, model_id, prompt, image, in that order (§1.6)', () => {
    const body = buildMoondreamRequest({ ...base, apiKey: 'K', transport: 'body' })
    expect(JSON.stringify(body)).toBe(
      '{"api_key":"K","model_id":"moondream2/moondream2-2b","prompt":"red car","image":{"type":"base64","value":"SU1H"}}',
    )
  })

  it('leaves the key out of the body for query and header transport, or without a key', () => {
    for (const transport of ['query', 'header'] as const) {
      expect(Object.keys(buildMoondreamRequest({ ...base, apiKey: 'K', transport }))).toEqual([
        'model_id',
        'prompt',
        'image',
      ])
    }
    expect(buildMoondreamRequest({ ...base, apiKey: null, transport: 'body' })).not.toHaveProperty(
      'api_key',
    )
  })
})

describe('moondreamPrompts', () => {
  it('sends each object name once, trimmed, in the order given', () => {
    expect(moondreamPrompts(['red car', ' blue car ', 'red car', ''])).toEqual([
      'red car',
      'blue car',
    ])
  })
})

describe('parseMoondreamResponse', () => {
  /** Recorded Mode O shape (§1.6): nulls dropped, confidence 1.0, class_id 0, class = prompt. */
  const recorded = {
    inference_id: 'b3c1',
    time: 1.23,
    image: { width: 600, height: 400 },
    predictions: [
      {
        x: 100.5,
        y: 50.0,
        width: 41.0,
        height: 20.0,
        confidence: 1.0,
        class: 'red car',
        class_id: 0,
        detection_id: 'd1',
      },
    ],
  }
  const ctx = {
    prompt: 'red car',
    modelId: 'moondream2/moondream2-2b',
    scale: { x: 2, y: 2 },
    imageWidth: 1200,
    imageHeight: 800,
  }

  it('gives every box the prompt as its class, confidence as returned, in original pixels', () => {
    const parsed = parseMoondreamResponse(recorded, ctx)
    expect(parsed.time).toBe(1.23)
    expect(parsed.detections).toMatchObject([
      { className: 'red car', confidence: 1, box: { x: 160, y: 80, width: 82, height: 40 } },
    ])
  })

  it('explains a text answer from a non-detecting LMM', () => {
    const text = { response: 'A red car.', image: { width: 600, height: 400 }, time: 0.3 }
    const attempt = () => parseMoondreamResponse(text, { ...ctx, modelId: 'florence-2/base' })
    expect(attempt).toThrow(AppError)
    expect(attempt).toThrow('The model "florence-2/base" answered with text, not boxes.')
  })
})
