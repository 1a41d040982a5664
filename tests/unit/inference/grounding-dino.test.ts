import { describe, expect, it } from 'vitest'
import { buildGroundingDinoPrompts } from '../../../src/shared/prompts'
import {
  buildGroundingDinoRequest,
  parseGroundingDinoResponse,
} from '../../../src/main/services/inference/grounding-dino'
import { AppError } from '../../../src/shared/errors'

/** Mode F bytes as /grounding_dino/infer sends them (§0, §1.4, §2.2): every optional field null. */
const MODE_F = `{"visualization":null,"inference_id":null,"frame_id":null,"time":0.4178,"image":{"width":600,"height":400},
"predictions":[
{"x":150.5,"y":100.0,"width":101.0,"height":60.0,"confidence":0.7121592164039612,"class":"hot dog","class_id":0,"class_confidence":null,"tracker_id":null,"detection_id":"7deb5a8e-0000-4000-8000-000000000001","parent_id":null},
{"x":595.5,"y":2.5,"width":15.0,"height":9.0,"confidence":0.51,"class":"dog","class_id":1,"class_confidence":null,"tracker_id":null,"detection_id":"7deb5a8e-0000-4000-8000-000000000002","parent_id":null}
]}`

/** The same answer as a Mode O proxy would send it: null fields absent (§0, §6.8). */
const MODE_O = `{"time":0.4178,"image":{"width":600,"height":400},
"predictions":[{"x":150.5,"y":100.0,"width":101.0,"height":60.0,"confidence":0.7121592164039612,"class":"hot dog","class_id":0,"detection_id":"7deb5a8e-0000-4000-8000-000000000001"}]}`

const { mapping } = buildGroundingDinoPrompts(['Dog', 'Hot-Dog'])

describe('buildGroundingDinoRequest', () => {
  const base = {
    imageBase64: 'AAAA',
    prompts: ['hot dog', 'dog'],
    boxThreshold: 0.35,
    textThreshold: 0.25,
    classAgnosticNms: false,
  }

  it('sends a single image object, the text list and the thresholds (§1.4)', () => {
    expect(buildGroundingDinoRequest({ ...base, apiKey: 'K', transport: 'query' })).toEqual({
      image: { type: 'base64', value: 'AAAA' },
      text: ['hot dog', 'dog'],
      box_threshold: 0.35,
      text_threshold: 0.25,
      class_agnostic_nms: false,
    })
  })

  it('puts the key in the body only for body transport', () => {
    expect(buildGroundingDinoRequest({ ...base, apiKey: 'K', transport: 'body' }).api_key).toBe('K')
    expect(
      buildGroundingDinoRequest({ ...base, apiKey: 'K', transport: 'header' }),
    ).not.toHaveProperty('api_key')
    expect(
      buildGroundingDinoRequest({ ...base, apiKey: null, transport: 'body' }),
    ).not.toHaveProperty('api_key')
  })
})

describe('parseGroundingDinoResponse', () => {
  it('turns a Mode F centre box into a top-left box in original pixels', () => {
    // upload 600x400 of an original 1200x800: factor 2
    const parsed = parseGroundingDinoResponse(JSON.parse(MODE_F), {
      mapping,
      uploadScale: 2,
      imageWidth: 1200,
      imageHeight: 800,
    })
    expect(parsed.serverImage).toEqual({ width: 600, height: 400 })
    expect(parsed.time).toBeCloseTo(0.4178)
    const [hotDog] = parsed.detections
    // centre 150.5 - 101/2 = 100 -> x 200; 100 - 60/2 = 70 -> y 140; sizes doubled
    expect(hotDog?.box).toEqual({ x: 200, y: 140, width: 202, height: 120 })
    expect(hotDog?.className).toBe('Hot-Dog')
    expect(hotDog?.prompt).toBe('hot dog')
    expect(hotDog?.confidence).toBeCloseTo(0.7121592164039612)
    expect(hotDog?.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('clips a box that overhangs the image, as servers do not clip (§6.2)', () => {
    const parsed = parseGroundingDinoResponse(JSON.parse(MODE_F), {
      mapping,
      uploadScale: 2,
      imageWidth: 1200,
      imageHeight: 800,
    })
    // centre (595.5, 2.5) size 15x9 -> upload [588, -2, 603, 7] -> x2 [1176, -4, 1206, 14] -> clipped
    expect(parsed.detections[1]?.box).toEqual({ x: 1176, y: 0, width: 24, height: 14 })
    expect(parsed.detections[1]?.className).toBe('Dog')
  })

  it('reads the Mode O form with absent fields the same way', () => {
    const ctx = { mapping, uploadScale: 1, imageWidth: 600, imageHeight: 400 }
    const o = parseGroundingDinoResponse(JSON.parse(MODE_O), ctx)
    const f = parseGroundingDinoResponse(JSON.parse(MODE_F), ctx)
    expect(o.detections[0]?.box).toEqual(f.detections[0]?.box)
    expect(o.detections[0]?.box).toEqual({ x: 100, y: 70, width: 101, height: 60 })
  })

  it('keeps a prompt with no mapping as its own class name', () => {
    const json = JSON.parse(MODE_O)
    json.predictions[0].class = 'cat'
    const parsed = parseGroundingDinoResponse(json, {
      mapping,
      uploadScale: 1,
      imageWidth: 600,
      imageHeight: 400,
    })
    expect(parsed.detections[0]?.className).toBe('cat')
    expect(parsed.detections[0]).not.toHaveProperty('prompt')
  })

  it('drops a box that lies wholly outside the image', () => {
    const json = {
      image: { width: 10, height: 10 },
      predictions: [
        { x: 50, y: 50, width: 4, height: 4, confidence: 0.9, class: 'dog', class_id: 0 },
      ],
    }
    expect(
      parseGroundingDinoResponse(json, { mapping, uploadScale: 1, imageWidth: 10, imageHeight: 10 })
        .detections,
    ).toEqual([])
  })

  it('returns time null when the server leaves it out, and accepts string image sizes (§5)', () => {
    const parsed = parseGroundingDinoResponse(
      { image: { width: '600', height: '400' }, predictions: [] },
      { mapping, uploadScale: 1, imageWidth: 600, imageHeight: 400 },
    )
    expect(parsed.time).toBeNull()
    expect(parsed.serverImage).toEqual({ width: 600, height: 400 })
  })

  it('rejects an answer of the wrong shape with bad-response naming the field', () => {
    const bad = { image: { width: 600, height: 400 }, predictions: [{ x: 'a' }] }
    let error: unknown
    try {
      parseGroundingDinoResponse(bad, {
        mapping,
        uploadScale: 1,
        imageWidth: 600,
        imageHeight: 400,
      })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('bad-response')
    expect((error as AppError).message).toMatch(
      /^The server's answer was not in the expected form: predictions\.0\.x/,
    )
  })

  it('rejects a batch array, which this route never returns (§2.3)', () => {
    expect(() =>
      parseGroundingDinoResponse([JSON.parse(MODE_O)], {
        mapping,
        uploadScale: 1,
        imageWidth: 600,
        imageHeight: 400,
      }),
    ).toThrow(/expected form/)
  })
})
