import { afterEach, describe, expect, it } from 'vitest'
import { COUNTER_EXAMPLE_WARNING, type Owlv2Body } from '../../../src/main/services/inference/owlv2'
import type { ModelSpec } from '../../../src/shared/contract'
import type { ShapeSpec } from '../../support/test-images'
import { bodies, caught, expectBoxNear, KEY, shapeOf, startHarness, type Harness } from './harness'

let h: Harness
afterEach(() => h?.close())

const ROUTE = '/owlv2/infer'
const STRICT_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Displayed 1600x1200, stored sideways (EXIF 6); uploaded at 800x600, so every coordinate halves. */
const REFERENCE = {
  width: 1600,
  height: 1200,
  orientation: 6 as const,
  shapes: [
    { colour: 'red' as const, x: 200, y: 300, width: 400, height: 300 },
    { colour: 'blue' as const, x: 1000, y: 600, width: 300, height: 400 },
  ],
}

/** Displayed 1200x800, stored with EXIF 8; uploaded at 800x533 (x / 1.5, y * 533 / 800). */
const QUERY = {
  width: 1200,
  height: 800,
  orientation: 8 as const,
  shapes: [
    { colour: 'red' as const, x: 99, y: 120, width: 240, height: 159 },
    { colour: 'blue' as const, x: 702, y: 399, width: 201, height: 300 },
    { colour: 'green' as const, x: 300, y: 501, width: 150, height: 150 },
  ],
}

async function setup(options: Parameters<typeof startHarness>[0] = {}) {
  h = await startHarness(options)
  const reference = await h.addImage('ref', REFERENCE)
  const query = await h.addImage('photo', QUERY)
  return { reference, query }
}

function example(
  shapes: ShapeSpec[],
  colour: ShapeSpec['colour'],
  className: string,
  negative = false,
) {
  return { box: shapeOf(shapes, colour), className, negative }
}

function owlv2(references: Extract<ModelSpec, { kind: 'owlv2' }>['references']): ModelSpec {
  return { kind: 'owlv2', references, confidence: 0.99, versionId: 'owlv2-base-patch16-ensemble' }
}

describe('OWLv2 against the inference emulator', () => {
  it('teaches with integer centre boxes in the uploaded reference pixels and finds the rotated, downscaled shapes', async () => {
    const { reference, query } = await setup()
    const model = owlv2([
      {
        imageId: 'ref',
        boxes: [example(reference, 'red', 'tomato'), example(reference, 'blue', 'berry')],
      },
    ])
    const result = await h.service.run({ requestId: 'o1', imageId: 'photo', model })

    const [body] = bodies<Owlv2Body>(h.emulator, ROUTE)
    expect(Object.keys(body ?? {})).toEqual([
      'image',
      'training_data',
      'confidence',
      'owlv2_version_id',
    ])
    expect(body?.confidence).toBe(0.99)
    expect(body?.owlv2_version_id).toBe('owlv2-base-patch16-ensemble')
    expect(body?.image.type).toBe('base64')
    expect(body?.training_data).toHaveLength(1)
    // red 200,300 400x300 -> centre (400, 450) -> halved; blue 1000,600 300x400 -> centre (1150, 800)
    expect(body?.training_data[0]?.boxes).toEqual([
      { x: 200, y: 225, w: 200, h: 150, cls: 'tomato', negative: false },
      { x: 575, y: 400, w: 150, h: 200, cls: 'berry', negative: false },
    ])
    expect(body?.training_data[0]?.image.value).toMatch(STRICT_BASE64)
    expect(body?.image.value).toMatch(STRICT_BASE64)
    expect(h.emulator.stats.lastRequest?.query.api_key).toBe(KEY)

    expect(result).toMatchObject({
      model: 'owlv2',
      width: 1200,
      height: 800,
      uploadWidth: 800,
      uploadHeight: 533,
      warnings: [],
      renderedImageUrl: null,
    })
    expect(result.detections).toHaveLength(2)
    expectBoxNear(
      result.detections.find((d) => d.className === 'tomato')?.box,
      shapeOf(query, 'red'),
    )
    expectBoxNear(
      result.detections.find((d) => d.className === 'berry')?.box,
      shapeOf(query, 'blue'),
    )
    expect(result.mapping).toEqual([
      { prompt: 'berry', className: 'berry' },
      { prompt: 'tomato', className: 'tomato' },
    ])
  })

  it('sends several reference images and classes, but not a reference without boxes', async () => {
    const { reference, query } = await setup()
    await h.addImage('second', { ...REFERENCE, orientation: 1 })
    const model = owlv2([
      { imageId: 'ref', boxes: [example(reference, 'red', 'tomato')] },
      { imageId: 'blank', boxes: [] },
      { imageId: 'second', boxes: [example(reference, 'blue', 'berry')] },
    ])
    const result = await h.service.run({ requestId: 'o2', imageId: 'photo', model })
    const [body] = bodies<Owlv2Body>(h.emulator, ROUTE)
    expect(body?.training_data.map((t) => t.boxes.map((b) => b.cls))).toEqual([
      ['tomato'],
      ['berry'],
    ])
    expect(result.detections.map((d) => d.className).sort()).toEqual(['berry', 'tomato'])
    expectBoxNear(
      result.detections.find((d) => d.className === 'berry')?.box,
      shapeOf(query, 'blue'),
    )
  })

  it('sends counter-examples with a plain warning, and never a class that only has counter-examples', async () => {
    const { reference } = await setup()
    const model = owlv2([
      {
        imageId: 'ref',
        boxes: [
          example(reference, 'red', 'tomato'),
          example(reference, 'blue', 'tomato', true),
          example(reference, 'blue', 'plum', true),
        ],
      },
    ])
    const result = await h.service.run({ requestId: 'o3', imageId: 'photo', model })
    const [body] = bodies<Owlv2Body>(h.emulator, ROUTE)
    expect(body?.training_data[0]?.boxes).toEqual([
      { x: 200, y: 225, w: 200, h: 150, cls: 'tomato', negative: false },
      { x: 575, y: 400, w: 150, h: 200, cls: 'tomato', negative: true },
    ])
    expect(result.warnings).toEqual([
      COUNTER_EXAMPLE_WARNING,
      '"plum" has only counter-examples, so it was not sent: OWLv2 needs at least one example box of a class.',
    ])
    expect(result.detections.map((d) => d.className)).toEqual(['tomato'])
  })

  it('refuses to run without a positive example, before calling the server', async () => {
    const { reference } = await setup()
    const model = owlv2([{ imageId: 'ref', boxes: [example(reference, 'red', 'tomato', true)] }])
    const e = await caught(h.service.run({ requestId: 'o4', imageId: 'photo', model }))
    expect(e.code).toBe('invalid-input')
    expect(e.message).toMatch(/at least one example box/)
    expect(h.emulator.stats.byRoute[ROUTE]).toBeUndefined()
  })

  it('sends the same reference bytes on every run, so the server can reuse its embeddings', async () => {
    const { reference } = await setup()
    const model = owlv2([{ imageId: 'ref', boxes: [example(reference, 'red', 'tomato')] }])
    await h.service.run({ requestId: 'o5a', imageId: 'photo', model })
    await h.service.run({ requestId: 'o5b', imageId: 'ref', model })
    const [first, second] = bodies<Owlv2Body>(h.emulator, ROUTE)
    expect(second?.training_data[0]?.image.value).toBe(first?.training_data[0]?.image.value)
    // the reference doubles as the query here: the very same upload
    expect(second?.image.value).toBe(first?.training_data[0]?.image.value)
  })

  it('names the server flag when OWLv2 is switched off, whatever the key transport', async () => {
    for (const keyTransport of ['query', 'body', 'header'] as const) {
      const { reference } = await setup({
        emulator: { owlv2Enabled: false },
        server: { keyTransport },
      })
      const model = owlv2([{ imageId: 'ref', boxes: [example(reference, 'red', 'tomato')] }])
      const e = await caught(
        h.service.run({ requestId: `off-${keyTransport}`, imageId: 'photo', model }),
      )
      expect(e.code, keyTransport).toBe('route-disabled')
      expect(e.hint).toContain('CORE_MODEL_OWLV2_ENABLED')
      // the POST fell into the legacy catch-all, as on a real server (§1)
      expect(h.emulator.stats.byRoute['/{dataset_id}/{version_id}']).toBe(1)
      await h.close()
    }
  })
})
