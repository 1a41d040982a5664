import { describe, expect, it } from 'vitest'
import {
  formatErrorLine,
  formatJsonError,
  formatJsonLine,
  formatSummary,
  formatTable,
  redactSecrets,
} from '../../../src/cli/format'
import { mapInOrder } from '../../../src/cli/ordered-pool'
import type { DetectionResult } from '../../../src/shared/contract'

const result = (detections: DetectionResult['detections']): DetectionResult => ({
  requestId: 'r',
  imageId: 'i',
  model: 'grounding-dino',
  width: 1200,
  height: 800,
  detections,
  mapping: [],
  uploadWidth: 600,
  uploadHeight: 400,
  uploadBytes: 1,
  serverTime: null,
  elapsedMs: 1,
  warnings: [],
  renderedImageUrl: null,
})

const two = result([
  {
    id: 'a',
    className: 'red',
    confidence: 0.987654,
    box: { x: 10.005, y: 20.123, width: 30.5, height: 40 },
  },
  {
    id: 'b',
    className: 'traffic light',
    confidence: 0.5,
    box: { x: 1000, y: 2, width: 3, height: 4 },
  },
])

describe('output', () => {
  it('prints one JSON line per image, pixels to 2 decimals and confidence to 4', () => {
    const line = formatJsonLine('photos/фото.jpg', two)
    expect(line.endsWith('\n')).toBe(true)
    expect(line.trimEnd()).not.toContain('\n')
    expect(JSON.parse(line)).toEqual({
      image: 'photos/фото.jpg',
      width: 1200,
      height: 800,
      detections: [
        { class: 'red', confidence: 0.9877, x: 10.01, y: 20.12, width: 30.5, height: 40 },
        { class: 'traffic light', confidence: 0.5, x: 1000, y: 2, width: 3, height: 4 },
      ],
    })
    // Unicode stays readable rather than \u-escaped.
    expect(line).toContain('фото')
  })

  it('prints a failed image as JSON with its code, message and hint on one line', () => {
    const line = formatJsonError('a.jpg', {
      code: 'auth-invalid',
      message: 'The server did not\naccept the API key.',
      hint: 'Check the key.',
      status: 401,
    })
    expect(JSON.parse(line)).toEqual({
      image: 'a.jpg',
      error: {
        code: 'auth-invalid',
        message: 'The server did not accept the API key.',
        hint: 'Check the key.',
      },
    })
  })

  it('prints a readable table with aligned columns', () => {
    expect(formatTable('a.jpg', two)).toBe(
      [
        'a.jpg  (1200x800 px, 2 boxes)',
        '  class          confidence        x      y  width  height',
        '  red                0.9877    10.01  20.12  30.50   40.00',
        '  traffic light      0.5000  1000.00   2.00   3.00    4.00',
        '',
      ].join('\n'),
    )
    expect(formatTable('b.jpg', result([]))).toBe('b.jpg  (1200x800 px, 0 boxes)\n')
  })

  it('puts error and hint on one stderr line', () => {
    expect(
      formatErrorLine('bad.jpg', {
        code: 'image-unsupported',
        message: 'Not an image.',
        hint: 'Use JPEG.',
      }),
    ).toBe('bad.jpg: Not an image. Hint: Use JPEG.\n')
    expect(formatErrorLine('x.jpg', { code: 'server-error', message: 'Boom.' })).toBe(
      'x.jpg: Boom.\n',
    )
  })

  it('sums up failures, naming the shared reason when every image failed the same way', () => {
    const down = { code: 'unreachable' as const, message: 'Could not reach http://h.' }
    expect(formatSummary({ total: 3, failures: [], notSent: 0 })).toBeNull()
    expect(formatSummary({ total: 3, failures: [down], notSent: 2 })).toBe(
      'All 3 images failed: Could not reach http://h.\n',
    )
    expect(formatSummary({ total: 1, failures: [down], notSent: 0 })).toBe(
      'The image failed: Could not reach http://h.\n',
    )
    expect(formatSummary({ total: 3, failures: [down], notSent: 0 })).toBe(
      '1 of 3 images failed.\n',
    )
  })

  it('masks the key and any api_key= in text', () => {
    expect(redactSecrets('key s3cr3t in http://h/x?api_key=abc&y=1', ['s3cr3t'])).toBe(
      'key *** in http://h/x?api_key=***&y=1',
    )
    expect(redactSecrets('nothing', [''])).toBe('nothing')
  })
})

describe('ordered pool', () => {
  it('runs in parallel but emits in input order', async () => {
    const delays = [30, 5, 15, 1]
    const emitted: number[] = []
    let running = 0
    let peak = 0
    await mapInOrder(
      delays,
      2,
      async (delay, index) => {
        peak = Math.max(peak, ++running)
        await new Promise((r) => setTimeout(r, delay))
        running--
        return index
      },
      (value) => emitted.push(value),
    )
    expect(emitted).toEqual([0, 1, 2, 3])
    expect(peak).toBe(2)
  })

  it('can finish the first item alone before widening to the limit', async () => {
    const log: string[] = []
    await mapInOrder(
      [1, 2, 3],
      3,
      async (item) => {
        log.push(`start ${item}`)
        await new Promise((r) => setTimeout(r, 5))
        log.push(`end ${item}`)
        return item
      },
      () => undefined,
      { firstAlone: true },
    )
    expect(log.slice(0, 4)).toEqual(['start 1', 'end 1', 'start 2', 'start 3'])
  })

  it('copes with no items', async () => {
    const emitted: number[] = []
    await mapInOrder(
      [],
      4,
      async () => 1,
      (v) => emitted.push(v),
      { firstAlone: true },
    )
    expect(emitted).toEqual([])
  })
})
