import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage, type ShapeSpec } from '../../support/test-images'
import { expectNear, runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
let emulator: Emulator
/** 800x600 query image: a red, a green and a blue rectangle. */
let query: string
let queryBoxes: ShapeSpec[]

beforeAll(async () => {
  dir = await tempDir('cli-owlv2')
  query = join(dir.path, 'query.png')
  const image = await makeShapesImage({
    width: 800,
    height: 600,
    format: 'png',
    shapes: [
      { colour: 'red', x: 100, y: 100, width: 150, height: 120 },
      { colour: 'green', x: 500, y: 300, width: 120, height: 150 },
      { colour: 'blue', x: 400, y: 50, width: 100, height: 100 },
    ],
  })
  queryBoxes = image.trueBoxes
  await writeFile(query, image.buffer)
})
afterAll(() => dir.remove())
afterEach(() => emulator?.close())

const boxOf = (run: Awaited<ReturnType<typeof runCli>>, cls: string) =>
  run.records[0]?.detections.find((d) => d.class === cls)

describe('OwlV2 with --examples', () => {
  /** A sideways reference (EXIF 6): COCO boxes are in its displayed 600x400 pixels. */
  async function writeExamples(annotations: unknown[]): Promise<string> {
    await mkdir(join(dir.path, 'refs'), { recursive: true })
    const ref = await makeShapesImage({
      width: 600,
      height: 400,
      orientation: 6,
      shapes: [
        { colour: 'red', x: 50, y: 60, width: 120, height: 100 },
        { colour: 'green', x: 300, y: 200, width: 100, height: 100 },
        { colour: 'blue', x: 450, y: 40, width: 80, height: 80 },
      ],
    })
    await writeFile(join(dir.path, 'refs', 'ref one.jpg'), ref.buffer)
    const second = join(dir.path, 'second-ref.png')
    const other = await makeShapesImage({
      width: 200,
      height: 200,
      format: 'png',
      shapes: [{ colour: 'red', x: 20, y: 30, width: 60, height: 50 }],
    })
    await writeFile(second, other.buffer)
    const coco = {
      info: {},
      images: [
        { id: 1, file_name: 'ref one.jpg', width: 600, height: 400 },
        { id: 2, file_name: second, width: 200, height: 200 },
      ],
      categories: [
        { id: 1, name: 'red thing' },
        { id: 2, name: 'green thing' },
      ],
      annotations,
    }
    const path = join(dir.path, 'refs', 'examples.json')
    await writeFile(path, JSON.stringify(coco))
    return path
  }

  it('finds objects like the examples, with a counter-example sent as negative', async () => {
    emulator = await startEmulator()
    const examples = await writeExamples([
      { id: 1, image_id: 1, category_id: 1, bbox: [50, 60, 120, 100], area: 12000, iscrowd: 0 },
      { id: 2, image_id: 1, category_id: 2, bbox: [300, 200, 100, 100] },
      { id: 3, image_id: 1, category_id: 1, bbox: [450, 40, 80, 80], negative: true },
      { id: 4, image_id: 2, category_id: 1, bbox: [20, 30, 60, 50] },
    ])
    const run = await runCli([
      'detect',
      query,
      '--server',
      emulator.url,
      '--model',
      'owlv2',
      '--examples',
      examples,
      '--confidence',
      '0.99',
      '--json',
    ])
    // The service's caveat about counter-examples (§1.5) reaches the user as one warning line.
    expect(run.stderr).toMatch(/^warning: .*query\.png: [^\n]+\n$/)
    expect(run.code).toBe(0)
    expect(run.records[0]?.detections.map((d) => d.class).sort()).toEqual([
      'green thing',
      'red thing',
    ])
    expectNear(boxOf(run, 'red thing')!, queryBoxes[0]!)
    expectNear(boxOf(run, 'green thing')!, queryBoxes[1]!)
    // The sideways reference's boxes reach the server as integer centres in displayed pixels (§1.5).
    const body = emulator.stats.bodiesByRoute['/owlv2/infer']?.at(-1) as {
      training_data: { boxes: Record<string, unknown>[] }[]
    }
    expect(body.training_data[0]?.boxes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          x: 110,
          y: 110,
          w: 120,
          h: 100,
          cls: 'red thing',
          negative: false,
        }),
        expect.objectContaining({ x: 490, y: 80, w: 80, h: 80, cls: 'red thing', negative: true }),
      ]),
    )
  })

  it('refuses a bad examples file before sending anything, naming the annotation (exit 1)', async () => {
    emulator = await startEmulator()
    const examples = await writeExamples([
      { id: 7, image_id: 1, category_id: 1, bbox: [500, 60, 120, 100] },
      { id: 8, image_id: 1, category_id: 3, bbox: [50, 60, 120, 100] },
    ])
    const run = await runCli([
      'detect',
      query,
      '--server',
      emulator.url,
      '-m',
      'owlv2',
      '--examples',
      examples,
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(
      'Annotation 7: bbox [500,60,120,100] goes past the right edge (600 px)',
    )
    expect(run.stderr).toContain('Annotation 8: category_id 3 is not in "categories".')
    expect(emulator.stats.byRoute['/owlv2/infer'] ?? 0).toBe(0)
  })
})
