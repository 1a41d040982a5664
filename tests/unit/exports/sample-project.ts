import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AnnotationBox } from '../../../src/shared/annotations'
import type { ExportImage } from '../../../src/main/services/exports/box-selection'

export const GOLDEN_DIR = join(import.meta.dirname, '../../fixtures/golden')

export const readGolden = (name: string): Promise<string> =>
  readFile(join(GOLDEN_DIR, name), 'utf8')

/** A third class nobody used, with a quote and Cyrillic, to show ids come from the list. */
export const SAMPLE_CLASSES = ['cat', 'dog', 'птица "Q"']

const box = (
  id: string,
  className: string,
  [x, y, width, height]: [number, number, number, number],
  rest: Pick<AnnotationBox, 'confidence' | 'source' | 'state'>,
): AnnotationBox => ({ id, className, box: { x, y, width, height }, ...rest })

const drawn = { confidence: null, source: 'user', state: 'accepted' } as const
const model = (state: AnnotationBox['state'], confidence: number) =>
  ({ confidence, source: 'model', state }) as const

/**
 * Three images covering every rule: a drawn box, a reviewed machine box at sub-pixel
 * coordinates, an unreviewed suggestion, a rejected box, an edited box hanging over the
 * bottom-right corner, an image without boxes, and a Unicode name with a box over the top-left
 * corner and one wholly outside (dropped).
 */
export function sampleImages(): ExportImage[] {
  return [
    {
      key: 'a.jpg',
      width: 640,
      height: 480,
      boxes: [
        box('b1', 'cat', [10, 20, 100, 50], drawn),
        box('b2', 'dog', [200.457, 100.123, 50.4, 60.3], model('accepted', 0.91)),
        box('b3', 'cat', [300, 300, 40, 40], model('suggested', 0.42)),
        box('b4', 'dog', [0, 0, 10, 10], model('rejected', 0.3)),
        box('b5', 'dog', [600, 400, 60, 100], model('edited', 0.8)),
      ],
    },
    { key: 'sub/b.png', width: 320, height: 240, boxes: [] },
    {
      key: 'sub/фото 1.jpg',
      width: 100,
      height: 200,
      boxes: [
        box('c1', 'cat', [-5, -5, 20, 30], drawn),
        box('c2', 'dog', [150, 10, 20, 20], model('edited', 0.7)),
      ],
    },
  ]
}

/** A 24-bit bottom-up BMP of one flat colour (sharp cannot read BMP; the app decodes it itself). */
export function makeBmp(width: number, height: number, grey = 128): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4
  const file = Buffer.alloc(54 + rowBytes * height)
  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(54, 10)
  file.writeUInt32LE(40, 14)
  file.writeInt32LE(width, 18)
  file.writeInt32LE(height, 22)
  file.writeUInt16LE(1, 26)
  file.writeUInt16LE(24, 28)
  file.fill(grey, 54)
  return file
}
