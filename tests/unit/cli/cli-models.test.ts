import { writeFile } from 'node:fs/promises'
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
  dir = await tempDir('cli-models')
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

describe('Moondream2 with --prompt', () => {
  it('finds each prompt, one object per prompt', async () => {
    emulator = await startEmulator()
    const run = await runCli([
      'detect',
      query,
      '--server',
      emulator.url,
      '--model',
      'moondream2',
      '--prompt',
      'red',
      '--prompt',
      'blue square',
      '--json',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.records[0]?.detections.map((d) => d.class).sort()).toEqual(['blue square', 'red'])
    expectNear(boxOf(run, 'red')!, queryBoxes[0]!)
    expectNear(boxOf(run, 'blue square')!, queryBoxes[2]!)
  })
})

describe('a hosted model <project>/<version>', () => {
  /** A big red (score ~0.99), a 14x14 red (score ~0.49, §1.3 legacy scale) and a big blue. */
  async function hostedImage(): Promise<string> {
    const path = join(dir.path, 'hosted.png')
    const image = await makeShapesImage({
      width: 500,
      height: 400,
      format: 'png',
      shapes: [
        { colour: 'red', x: 40, y: 40, width: 200, height: 150 },
        { colour: 'red', x: 400, y: 300, width: 14, height: 14 },
        { colour: 'blue', x: 260, y: 40, width: 200, height: 150 },
      ],
    })
    await writeFile(path, image.buffer)
    return path
  }

  it('keeps only --classes, with --confidence 50 read as 50%', async () => {
    emulator = await startEmulator()
    const image = await hostedImage()
    const args = [
      'detect',
      image,
      '--server',
      emulator.url,
      '--model',
      'shapes/1',
      '--classes',
      'red',
    ]
    const strict = await runCli([...args, '--confidence', '50', '--json'])
    expect(strict.stderr).toBe('')
    expect(strict.code).toBe(0)
    expect(strict.records[0]?.detections).toEqual([
      expect.objectContaining({ class: 'red', x: 40, y: 40, width: 200, height: 150 }),
    ])
    // The same scale read as a fraction: 0.4 lets the small red square (~0.49) through.
    const loose = await runCli([...args, '--confidence', '0.4', '--json'])
    expect(loose.records[0]?.detections.map((d) => d.class)).toEqual(['red', 'red'])
  })
})
