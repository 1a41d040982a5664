import { describe, expect, it } from 'vitest'
import {
  buildHostedQuery,
  hostedRoute,
  legacyPercentParam,
  parseHostedResponse,
} from '../../../src/main/services/inference/hosted'
import { AppError } from '../../../src/shared/errors'

/** What the legacy route makes of a query value (§1.3): >= 1 is divided by 100, below 1 kept. */
const serverReads = (text: string): number => {
  const value = Number(text)
  return value >= 1 ? value / 100 : value
}

describe('legacyPercentParam', () => {
  it('sends 1% and above as the documented 0-100 number', () => {
    expect(legacyPercentParam(40)).toBe('40')
    expect(legacyPercentParam(100)).toBe('100')
    expect(legacyPercentParam(1)).toBe('1')
    expect(legacyPercentParam(12.5)).toBe('12.5')
  })

  it('sends below 1% as the fraction, since the server takes values under 1 as they are', () => {
    // "0.5" would be read as 50%
    expect(legacyPercentParam(0.5)).toBe('0.005')
    expect(legacyPercentParam(0.7)).toBe('0.007')
    expect(legacyPercentParam(0.01)).toBe('0.0001')
    expect(legacyPercentParam(0)).toBe('0')
  })

  it('makes the server read exactly percent / 100 across the range', () => {
    for (const percent of [0, 0.001, 0.3, 0.5, 0.99, 0.999999, 1, 1.5, 30, 40, 99.9, 100]) {
      expect(serverReads(legacyPercentParam(percent)), String(percent)).toBeCloseTo(
        percent / 100,
        12,
      )
    }
  })

  it('never uses exponent notation', () => {
    expect(legacyPercentParam(0.0000001)).toBe('0.000000001')
  })

  it('refuses values outside 0..100', () => {
    expect(() => legacyPercentParam(-1)).toThrow(RangeError)
    expect(() => legacyPercentParam(101)).toThrow(RangeError)
    expect(() => legacyPercentParam(Number.NaN)).toThrow(RangeError)
  })
})

describe('buildHostedQuery and hostedRoute', () => {
  const spec = { confidence: 40, overlap: 30, classes: ['dog', 'hot dog'], imageUrl: undefined }

  it('sends the documented params, with classes comma-joined', () => {
    const query = new URLSearchParams(buildHostedQuery(spec, 'json'))
    expect([...query]).toEqual([
      ['confidence', '40'],
      ['overlap', '30'],
      ['format', 'json'],
      ['classes', 'dog,hot dog'],
    ])
    expect(new URLSearchParams(buildHostedQuery(spec, 'image')).get('format')).toBe('image')
  })

  it('leaves out an empty class list and adds the image URL when the server fetches it', () => {
    const query = new URLSearchParams(
      buildHostedQuery(
        { ...spec, classes: [], imageUrl: 'https://cdn.example.com/a b.jpg' },
        'json',
      ),
    )
    expect(query.has('classes')).toBe(false)
    expect(query.get('image')).toBe('https://cdn.example.com/a b.jpg')
  })

  it('builds the two-segment path', () => {
    expect(hostedRoute({ project: 'my-proj.v2', version: 3 })).toBe('/my-proj.v2/3')
  })
})

describe('parseHostedResponse', () => {
  /** Recorded Mode O legacy answer (§1.3, §5): nulls dropped, class_id and detection_id present. */
  const recorded = {
    inference_id: 'e1',
    time: 0.05,
    image: { width: 600, height: 400 },
    predictions: [
      {
        x: 100,
        y: 50,
        width: 40,
        height: 20,
        confidence: 0.9,
        class: 'dog',
        class_id: 0,
        detection_id: 'a',
      },
      {
        x: 300,
        y: 200,
        width: 20,
        height: 20,
        confidence: 0.8,
        class: 'cat',
        class_id: 1,
        detection_id: 'b',
      },
    ],
  }
  const ctx = { imageWidth: 1200, imageHeight: 800, classes: [], modelName: 'pets/2' }

  it('keeps only the chosen classes, as hosted does and the local server does not (§5)', () => {
    const parsed = parseHostedResponse(recorded, {
      ...ctx,
      scale: { x: 2, y: 2 },
      classes: ['cat'],
    })
    expect(parsed.detections.map((d) => d.className)).toEqual(['cat'])
    expect(parsed.detections[0]?.box).toEqual({ x: 580, y: 380, width: 40, height: 40 })
  })

  it('without an upload scale, maps the server image size onto the opened image (URL input)', () => {
    const parsed = parseHostedResponse(recorded, ctx)
    expect(parsed.detections[0]?.box).toEqual({ x: 160, y: 80, width: 80, height: 40 })
  })

  it('accepts old hosted answers with string image sizes', () => {
    const old = { ...recorded, image: { width: '600', height: '400' } }
    expect(parseHostedResponse(old, ctx).serverImage).toEqual({ width: 600, height: 400 })
  })

  it('explains a stub version and a model that does not answer with boxes', () => {
    const stub = { time: 0.01, is_stub: true, model_id: 'pets/0', task_type: 'object-detection' }
    expect(() => parseHostedResponse(stub, ctx)).toThrow('pets/2 has no trained weights yet.')
    const classification = {
      time: 0.01,
      image: { width: 1, height: 1 },
      predictions: [{ class: 'cat', confidence: 0.9 }],
    }
    expect(() => parseHostedResponse(classification, ctx)).toThrow(AppError)
    expect(() => parseHostedResponse(classification, ctx)).toThrow(
      'pets/2 did not answer with boxes.',
    )
  })
})
