import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ProjectInfo } from '../../../src/shared/project'
import { startEmulator, type Emulator } from '../../support/emulator'
import { call, createTestServices } from '../../support/services'
import { writeShapesImage, type ShapeSpec } from '../../support/test-images'
import { runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
let photos: string
let project: string
let emulator: Emulator

const RED_A: ShapeSpec = { colour: 'red', x: 10, y: 20, width: 40, height: 30 }
const BLUE_A: ShapeSpec = { colour: 'blue', x: 90, y: 60, width: 30, height: 30 }
const RED_B: ShapeSpec = { colour: 'red', x: 60, y: 10, width: 40, height: 40 }
const GREEN_B: ShapeSpec = { colour: 'green', x: 10, y: 70, width: 30, height: 30 }
const RED_C: ShapeSpec = { colour: 'red', x: 10, y: 20, width: 40, height: 30 }

/** a.png and b.png labelled in full in a project (c.png not reviewed): red on both, blue on a, green on b. */
beforeAll(async () => {
  dir = await tempDir('cli-eval')
  photos = join(dir.path, 'photos')
  project = join(dir.path, 'project')
  await mkdir(photos)
  const images: [string, ShapeSpec[]][] = [
    ['a.png', [RED_A, BLUE_A]],
    ['b.png', [RED_B, GREEN_B]],
    ['c.png', [RED_C]],
  ]
  for (const [name, shapes] of images) {
    await writeShapesImage(join(photos, name), { width: 160, height: 120, shapes, format: 'png' })
  }
  const services = createTestServices(join(dir.path, 'app-data'))
  const info = await call<ProjectInfo>(services, 'project.openFolder', {
    imagesDir: photos,
    projectDir: project,
  })
  for (const [name, shapes] of images.slice(0, 2)) {
    await call(services, 'annotations.get', { projectId: info.id, key: name })
    await call(services, 'annotations.save', {
      projectId: info.id,
      key: name,
      boxes: shapes.map((s, i) => ({
        id: `${name}-${i}`,
        className: s.colour,
        box: { x: s.x, y: s.y, width: s.width, height: s.height },
        confidence: null,
        source: 'user',
        state: 'accepted',
      })),
    })
  }
  await services.close()
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
  await dir.remove()
})
afterEach(() => emulator.resetStats())

const requests = (): number => emulator.stats.byRoute['/grounding_dino/infer'] ?? 0
const gd = (...extra: string[]) => [
  '--server',
  emulator.url,
  '--model',
  'grounding-dino',
  '--classes',
  'red,blue',
  ...extra,
]

describe('promptlabel eval', () => {
  it('prints per-class and overall numbers against the project’s reviewed images', async () => {
    const run = await runCli(['eval', photos, '--out', project, ...gd('--box-threshold', '0.5')])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      'Scored grounding-dino "red", "blue" on 2 of 2 truth images (the project’s reviewed images), at the cut 0.5 (--box-threshold), matching IoU 0.5.',
    )
    // red: found on a and b (2 TP). blue: found on a (1 TP). green is truth on b but not asked
    // for: 1 miss, AP 0. The emulator's boxes sit exactly on the shapes, so AP50:95 is 1 where
    // there is a hit. Overall P 3/3, R 3/4, F1 0.857; AP the mean over 3 classes: 2/3.
    const rows = run.stdout.split('\n').map((l) => l.trim().split(/\s+/))
    const rowOf = (name: string) => rows.find((r) => r[0] === name)
    expect(rowOf('red')?.slice(0, 11)).toEqual([
      'red',
      '2',
      '2',
      '0',
      '0',
      '1.000',
      '1.000',
      '1.000',
      '1.000',
      '1.000',
      '1.000',
    ])
    expect(rowOf('green')?.slice(0, 11)).toEqual([
      'green',
      '1',
      '0',
      '0',
      '1',
      '–',
      '0.000',
      '–',
      '0.000',
      '0.000',
      '–',
    ])
    expect(rowOf('overall')).toEqual([
      'overall',
      '4',
      '3',
      '0',
      '1',
      '1.000',
      '0.750',
      '0.857',
      '0.667',
      '0.667',
    ])
    expect(run.stdout).toContain('Fewer than 5 true boxes, so read these with their uncertainty:')
    expect(run.stdout).toMatch(/Requests: 2 answered, 0 failed, 0 already in the cache/)
    expect(requests()).toBe(2)
  })

  it('answers a new cut and IoU from the cache as JSON lines, with no request', async () => {
    await runCli(['eval', photos, '--out', project, ...gd()])
    emulator.resetStats()
    const run = await runCli([
      'eval',
      photos,
      '--out',
      project,
      ...gd('--box-threshold', '0.99', '--iou', '0.7', '--json'),
    ])
    expect(run.code).toBe(0)
    expect(requests()).toBe(0)
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines.map((l) => l['class'] ?? 'overall')).toEqual(['red', 'blue', 'green', 'overall'])
    // At 0.99 no emulator box is kept (its scores top out below 0.95): every true box is a miss.
    expect(lines[0]).toMatchObject({ class: 'red', truth: 2, tp: 0, misses: 2, cut: 0.99, ap50: 1 })
    expect(lines[3]).toMatchObject({
      overall: {
        truth: 4,
        tp: 0,
        misses: 4,
        iou: 0.7,
        images: { truth: 2, scored: 2, missing: 0 },
        requests: { answered: 0, failed: 0, cached: 2 },
      },
    })
  })

  it('scores against a COCO file with --truth, scaling a file made on a resized copy', async () => {
    const truth = join(dir.path, 'held-out.json')
    await writeFile(
      truth,
      JSON.stringify({
        images: [
          { id: 1, file_name: 'a.png', width: 160, height: 120 },
          { id: 2, file_name: 'photos/b.png', width: 160, height: 120 },
          // Twice the size of c.png: its box is halved to [10, 20, 40, 30].
          { id: 3, file_name: 'c.png', width: 320, height: 240 },
          { id: 4, file_name: 'elsewhere.png', width: 10, height: 10 },
        ],
        categories: [{ id: 1, name: 'red' }],
        annotations: [
          { id: 1, image_id: 1, category_id: 1, bbox: [10, 20, 40, 30] },
          { id: 2, image_id: 2, category_id: 1, bbox: [60, 10, 40, 40] },
          { id: 3, image_id: 3, category_id: 1, bbox: [20, 40, 80, 60] },
        ],
      }),
    )
    const out = join(dir.path, 'truth-project')
    const run = await runCli(['eval', photos, '--out', out, '--truth', truth, ...gd('--json')])
    expect(run.code).toBe(0)
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    // red: a, b, c all found (3 TP); blue is asked for, not in the file: a's blue box is a false positive.
    expect(lines.find((l) => l['class'] === 'red')).toMatchObject({ truth: 3, tp: 3, fp: 0 })
    expect(lines.find((l) => l['class'] === 'blue')).toMatchObject({ truth: 0, tp: 0, fp: 1 })
    expect(lines.at(-1)).toMatchObject({ overall: { images: { truth: 3, scored: 3 } } })
    const text = await runCli(['eval', photos, '--out', out, '--truth', truth, ...gd()])
    expect(text.stdout).toContain(
      'c.png: the file says 320×240, the image is 160×120: boxes scaled to fit',
    )
    expect(text.stdout).toContain('elsewhere.png: matches no image in the project folder')
  })

  it('has its own help, listed in the overview, and checks --iou', async () => {
    const help = await runCli(['eval', '--help'])
    expect(help.code).toBe(0)
    for (const flag of [
      '--out',
      '--truth',
      '--iou',
      '--concurrency',
      '--json',
      '--box-threshold',
    ]) {
      expect(help.stdout).toContain(flag)
    }
    expect((await runCli(['--help'])).stdout).toContain('eval <folder> --model <model>')
    const bad = await runCli(['eval', photos, '--out', project, ...gd('--iou', '0')])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--iou must be above 0 and at most 1 (COCO uses 0.5); got 0.')
  })

  it('says so when there is nothing to score against', async () => {
    const empty = join(dir.path, 'empty-data')
    const run = await runCli(['eval', photos, ...gd()], { env: { PROMPTLABEL_DATA_DIR: empty } })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`There is no Promptlabel project for ${photos} yet`)
    expect(run.stderr).toContain('--truth <coco.json>')
  })
})
