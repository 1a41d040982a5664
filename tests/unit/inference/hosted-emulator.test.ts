import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { base64Length } from '../../../src/main/services/images'
import type { ModelSpec } from '../../../src/shared/contract'
import { caught, expectBoxNear, KEY, shapeOf, startHarness, type Harness } from './harness'

let h: Harness
afterEach(() => h?.close())

const LEGACY = '/{dataset_id}/{version_id}'
const STRICT_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/** Displayed 1200x800, stored sideways (EXIF 6); uploaded at 800x533 with maxUploadSide 800. */
const PHOTO = {
  width: 1200,
  height: 800,
  orientation: 6 as const,
  shapes: [
    { colour: 'red' as const, x: 99, y: 120, width: 240, height: 159 },
    { colour: 'blue' as const, x: 702, y: 399, width: 201, height: 300 },
    { colour: 'green' as const, x: 300, y: 501, width: 150, height: 150 },
  ],
}

function hosted(extra: Partial<Extract<ModelSpec, { kind: 'hosted' }>> = {}): ModelSpec {
  return {
    kind: 'hosted',
    project: 'shapes',
    version: 1,
    confidence: 40,
    overlap: 30,
    classes: ['red', 'blue'],
    format: 'json',
    ...extra,
  }
}

describe('hosted / custom models on the legacy route, against the inference emulator', () => {
  it('sends the raw base64 body with a form content type and 0-100 query params, and keeps only the chosen classes', async () => {
    h = await startHarness()
    const truth = await h.addImage('photo', PHOTO)
    const result = await h.service.run({ requestId: 'h1', imageId: 'photo', model: hosted() })

    const req = h.emulator.stats.lastRequest
    expect(req?.route).toBe(LEGACY)
    expect(req?.path).toBe('/shapes/1')
    expect(req?.query).toEqual({
      confidence: '40',
      overlap: '30',
      format: 'json',
      classes: 'red,blue',
      api_key: KEY,
    })
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const body = req?.body as string
    // raw base64 text, not URL-encoded (a %2B would corrupt it, §1.3)
    expect(body).toMatch(STRICT_BASE64)
    const uploaded = await sharp(Buffer.from(body, 'base64')).metadata()
    expect([uploaded.width, uploaded.height, uploaded.orientation]).toEqual([800, 533, undefined])

    expect(result).toMatchObject({ model: 'hosted', width: 1200, height: 800, uploadWidth: 800 })
    // the local server ignores `classes` (§5): green is dropped on our side
    expect(result.detections.map((d) => d.className).sort()).toEqual(['blue', 'red'])
    expectBoxNear(result.detections.find((d) => d.className === 'red')?.box, shapeOf(truth, 'red'))
    expectBoxNear(
      result.detections.find((d) => d.className === 'blue')?.box,
      shapeOf(truth, 'blue'),
    )
    expect(result.renderedImageUrl).toBeNull()
  })

  it('sends a confidence under 1% as a fraction, and says the server raises it to 1%', async () => {
    h = await startHarness()
    await h.addImage('photo', PHOTO)
    const result = await h.service.run({
      requestId: 'h2',
      imageId: 'photo',
      model: hosted({ confidence: 0.5, overlap: 0, classes: [] }),
    })
    expect(h.emulator.stats.lastRequest?.query).toMatchObject({ confidence: '0.005', overlap: '0' })
    expect(h.emulator.stats.lastRequest?.query.classes).toBeUndefined()
    expect(result.detections.map((d) => d.className).sort()).toEqual(['blue', 'green', 'red'])
    expect(result.warnings).toEqual([
      'Confidence below 1% is read as 1% by the server, so fainter boxes are not returned.',
    ])
  })

  it('with format "image", takes boxes from JSON and registers the picture the server drew', async () => {
    h = await startHarness()
    const truth = await h.addImage('photo', PHOTO)
    const result = await h.service.run({
      requestId: 'h3',
      imageId: 'photo',
      model: hosted({ format: 'image' }),
    })
    const [json, image] = h.emulator.stats.recentRequests
    expect(json?.query.format).toBe('json')
    expect(image?.query.format).toBe('image')
    expect(image?.body).toBe(json?.body)
    expect(h.renditions).toHaveLength(1)
    expect(h.renditions[0]).toMatchObject({ mime: 'image/jpeg', width: 800, height: 533 })
    expect((await sharp(h.renditions[0]?.buffer).metadata()).format).toBe('jpeg')
    expect(result.renderedImageUrl).toBe(h.renditions[0]?.url)
    expectBoxNear(result.detections.find((d) => d.className === 'red')?.box, shapeOf(truth, 'red'))
  })

  it('lets the server fetch an image URL: `image` in the query and no body at all', async () => {
    h = await startHarness()
    await h.addImage('photo', PHOTO)
    const model = hosted({ imageUrl: 'https://localhost/photo.jpg' })
    const e = await caught(h.service.run({ requestId: 'h4', imageId: 'photo', model }))
    const req = h.emulator.stats.lastRequest
    expect(req?.query.image).toBe('https://localhost/photo.jpg')
    expect(req?.body).toBeUndefined()
    expect(req?.headers['content-type']).toBeUndefined()
    // the emulator, like the server, refuses a URL host without a dot (§1.0)
    expect(e.code).toBe('image-rejected')
    expect(e.message).toContain('without FQDN')
  })

  it('sends the full image when the run turns downscaling off', async () => {
    h = await startHarness()
    const truth = await h.addImage('photo', PHOTO)
    const result = await h.service.run({
      requestId: 'h5',
      imageId: 'photo',
      model: hosted(),
      maxUploadSide: 0,
    })
    expect([result.uploadWidth, result.uploadHeight]).toEqual([1200, 800])
    expectBoxNear(result.detections.find((d) => d.className === 'red')?.box, shapeOf(truth, 'red'))
  })

  it('fits the upload under the profile byte limit, or refuses naming the limit before sending', async () => {
    h = await startHarness({ server: { maxUploadSide: 0 } })
    await h.addImage('photo', PHOTO)
    const full = await h.service.run({ requestId: 'b0', imageId: 'photo', model: hosted() })
    await h.close()
    const limit = Math.floor(base64Length(full.uploadBytes) * 0.7)

    h = await startHarness({ server: { maxUploadSide: 0, maxUploadBytes: limit } })
    const truth = await h.addImage('photo', PHOTO)
    const fitted = await h.service.run({ requestId: 'b1', imageId: 'photo', model: hosted() })
    expect((h.emulator.stats.lastRequest?.body as string).length).toBeLessThanOrEqual(limit)
    expect(fitted.warnings).toEqual([
      expect.stringMatching(
        /^The image was sent at \d+×\d+ pixels, JPEG quality \d+, to stay under the profile's upload limit\.$/,
      ),
    ])
    expectBoxNear(
      fitted.detections.find((d) => d.className === 'red')?.box,
      shapeOf(truth, 'red'),
      3,
    )
    await h.close()

    h = await startHarness({ server: { maxUploadBytes: 500 } })
    await h.addImage('photo', PHOTO)
    const e = await caught(h.service.run({ requestId: 'b2', imageId: 'photo', model: hosted() }))
    expect(e.code).toBe('image-rejected')
    expect(e.message).toMatch(/over this profile's upload limit of 500 bytes\.$/)
    expect(h.emulator.stats.requests).toBe(0)
  })

  it('maps an unknown project, a missing key and a wrong key to their own errors', async () => {
    h = await startHarness()
    await h.addImage('photo', PHOTO)
    const unknown = await caught(
      h.service.run({ requestId: 'h6', imageId: 'photo', model: hosted({ project: 'nope' }) }),
    )
    expect(unknown.code).toBe('model-not-found')
    expect(unknown.message).toContain('nope/1')
    await h.close()

    for (const [apiKey, code] of [
      [null, 'auth-missing'],
      ['wrong', 'auth-invalid'],
    ] as const) {
      h = await startHarness({ server: { apiKey } })
      await h.addImage('photo', PHOTO)
      const e = await caught(h.service.run({ requestId: 'k', imageId: 'photo', model: hosted() }))
      expect(e.code).toBe(code)
      await h.close()
    }
  })

  it('reports an internal server error plainly after retrying it once', async () => {
    h = await startHarness({ emulator: { faults: { error500: 1 } } })
    await h.addImage('photo', PHOTO)
    const e = await caught(h.service.run({ requestId: 'h7', imageId: 'photo', model: hosted() }))
    expect(e.code).toBe('server-error')
    expect(e.status).toBe(500)
    expect(e.message).toContain('The server said: "Internal error."')
    // The first 500 is retried; the second is the answer.
    expect(h.emulator.stats.faultsInjected.error500).toBe(2)
  })
})
