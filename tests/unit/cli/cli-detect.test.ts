import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage, type ShapeSpec } from '../../support/test-images'
import { expectNear, runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
/** Displayed 1200x800, stored 800x1200 with EXIF orientation 6, at a non-ASCII path. */
let sideways: string
let sidewaysBoxes: ShapeSpec[]
let plain: string
let corrupt: string
let emulator: Emulator | null = null

beforeAll(async () => {
  dir = await tempDir('cli-detect')
  sideways = join(dir.path, 'фото 写真 sideways.jpg')
  const image = await makeShapesImage({
    width: 1200,
    height: 800,
    orientation: 6,
    shapes: [
      { colour: 'red', x: 100, y: 120, width: 300, height: 200 },
      { colour: 'blue', x: 900, y: 500, width: 240, height: 260 },
    ],
  })
  sidewaysBoxes = image.trueBoxes
  await writeFile(sideways, image.buffer)
  plain = join(dir.path, 'plain.png')
  const second = await makeShapesImage({
    width: 400,
    height: 300,
    format: 'png',
    shapes: [{ colour: 'red', x: 50, y: 60, width: 100, height: 80 }],
  })
  await writeFile(plain, second.buffer)
  corrupt = join(dir.path, 'broken.jpg')
  await writeFile(corrupt, Buffer.from('definitely not a jpeg'))
})

afterAll(() => dir.remove())
afterEach(async () => {
  await emulator?.close()
  emulator = null
})

const gd = (url: string): string[] => [
  '--server',
  url,
  '--model',
  'grounding-dino',
  '--classes',
  'red,blue',
  '--json',
]

describe('promptlabel detect with Grounding DINO', () => {
  it('prints boxes in oriented pixels for an EXIF-rotated JPEG, even when the upload is shrunk', async () => {
    emulator = await startEmulator()
    const run = await runCli(['detect', sideways, ...gd(emulator.url), '--max-upload-side', '600'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.records).toHaveLength(1)
    const [record] = run.records
    // The path is echoed exactly as given, Unicode included; the size is the displayed one.
    expect(record).toMatchObject({ image: sideways, width: 1200, height: 800 })
    const byClass = new Map(record?.detections.map((d) => [d.class, d]))
    expect([...byClass.keys()].sort()).toEqual(['blue', 'red'])
    expectNear(byClass.get('red')!, sidewaysBoxes[0]!)
    expectNear(byClass.get('blue')!, sidewaysBoxes[1]!)
    for (const d of record!.detections) expect(d.confidence).toBeGreaterThan(0)
  })

  it('reports a corrupt file and carries on with the others, in the order given (exit 2)', async () => {
    emulator = await startEmulator()
    const run = await runCli(['detect', sideways, corrupt, plain, ...gd(emulator.url)])
    expect(run.code).toBe(2)
    expect(run.records.map((r) => r.image)).toEqual([sideways, corrupt, plain])
    expect(run.records[0]?.detections).toHaveLength(2)
    expect(run.records[1]?.error?.code).toMatch(/image-unsupported|file-unreadable/)
    expect(run.records[2]?.detections.map((d) => d.class)).toEqual(['red'])
    expect(run.stderr).toContain(`${corrupt}: `)
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('1 of 3 images failed.')
  })

  it('prints a readable table without --json', async () => {
    emulator = await startEmulator()
    const run = await runCli([
      'detect',
      plain,
      '--server',
      emulator.url,
      '-m',
      'grounding-dino',
      '--classes',
      'red',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^.*plain\.png {2}\(400x300 px, 1 box\)\n {2}class +confidence +x +y +width +height\n {2}red +0\.\d{4} +50\.00 +60\.00 +100\.00 +80\.00\n$/,
    )
  })

  it('stops sending when the server cannot be reached and says why (exit 2)', async () => {
    const gone = await startEmulator()
    const url = gone.url
    await gone.close()
    const run = await runCli(['detect', sideways, plain, ...gd(url)])
    expect(run.code).toBe(2)
    expect(run.records.map((r) => r.error?.code)).toEqual(['unreachable', 'unreachable'])
    // The first image waited out the retries; the second is not sent to wait them out again.
    expect(run.records[1]?.error?.message).toMatch(/^Not sent: /)
    expect(run.stderr).toMatch(/All 2 images failed: /)
  })
})

describe('API keys', () => {
  const SECRET = 'k-9f8e7d6c5b4a'

  it('uses ROBOFLOW_API_KEY against a server that requires a key', async () => {
    emulator = await startEmulator({ apiKey: SECRET })
    const run = await runCli(['detect', plain, ...gd(emulator.url)], {
      env: { ROBOFLOW_API_KEY: SECRET },
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.records[0]?.detections).toHaveLength(1)
  })

  it('reports a rejected key without ever printing it, even with --verbose', async () => {
    emulator = await startEmulator({ apiKey: SECRET })
    const wrong = 'wrong-key-123456'
    const run = await runCli(['detect', plain, sideways, ...gd(emulator.url), '--verbose'], {
      env: { ROBOFLOW_API_KEY: wrong },
    })
    expect(run.code).toBe(2)
    expect(run.records[0]?.error?.code).toBe('auth-invalid')
    expect(run.stderr).toMatch(/did not accept the API key/)
    // A rejected key fails every image the same way, so the second one is not sent.
    expect(run.records[1]?.error?.message).toMatch(/^Not sent: /)
    expect(emulator.stats.byRoute['/grounding_dino/infer'] ?? 0).toBeLessThanOrEqual(1)
    expect(run.stdout + run.stderr).not.toContain(wrong)
    expect(run.stdout + run.stderr).not.toContain(SECRET)
  })

  it('explains a missing key', async () => {
    emulator = await startEmulator({ apiKey: SECRET })
    const run = await runCli(['detect', plain, ...gd(emulator.url)])
    expect(run.code).toBe(2)
    expect(run.records[0]?.error?.code).toBe('auth-missing')
  })
})
