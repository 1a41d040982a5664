import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli'
import { validateCoco } from '../../../src/main/services/exports'
import { startEmulator, type Emulator } from '../../support/emulator'
import { doneCounts, gdFlags, jsonEvents, readLog, writeImages } from './annotate-support'
import { runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
let photos: string
let emulator: Emulator | null = null

const GOOD = ['a.png', 'sub/b.jpg', 'sub/deeper/фото 写真 ü.png']

beforeAll(async () => {
  dir = await tempDir('cli-annotate')
  photos = join(dir.path, 'photos')
  await writeImages(photos, GOOD)
  await writeFile(join(photos, 'broken.jpg'), 'definitely not a jpeg')
  await writeFile(join(photos, 'sub', 'empty.png'), '')
  await writeFile(join(photos, 'notes.txt'), 'not an image')
})
afterAll(() => dir.remove())
afterEach(async () => {
  await emulator?.close()
  emulator = null
})

describe('promptlabel annotate', () => {
  it('labels a nested folder, names the files that failed and writes valid exports (exit 2)', async () => {
    emulator = await startEmulator()
    const out = join(dir.path, 'project-1')
    const coco = join(dir.path, 'exports', 'labels.json')
    const drawn = join(dir.path, 'exports', 'drawn')
    const run = await runCli([
      'annotate',
      photos,
      '--out',
      out,
      ...gdFlags(emulator.url),
      '--export-coco',
      coco,
      '--export-annotated',
      drawn,
    ])
    expect(run.code).toBe(2)
    expect(run.stdout).toMatch(/^Labelled 3 of 5 images in \d+:\d\d; 2 failed\.$/m)
    // Each failed file is named with its reason and code; the .txt is not an image, so not a failure.
    expect(run.stdout).toMatch(/^ {2}broken\.jpg: .+ \((image-unsupported|file-unreadable)\)$/m)
    expect(run.stdout).toMatch(/^ {2}sub\/empty\.png: .+ \((image-unsupported|file-unreadable)\)$/m)
    expect(run.stdout).toContain('Ignored 1 file that is not an image.')
    const log = await readLog(out)
    expect([...doneCounts(log).keys()].sort()).toEqual([...GOOD].sort())
    expect(log.filter((l) => l.status === 'failed').map((l) => l.key)).toHaveLength(2)

    const dataset = JSON.parse(await readFile(coco, 'utf8')) as {
      images: { file_name: string }[]
      annotations: unknown[]
    }
    expect(validateCoco(dataset).ok).toBe(true)
    // Failed images are left out (they are not negatives); each good image has its two shapes.
    expect(dataset.images.map((i) => i.file_name).sort()).toEqual([...GOOD].sort())
    expect(dataset.annotations).toHaveLength(6)
    expect(run.stdout).toContain(`COCO: ${coco} (3 images, 6 boxes)`)
    const drawnFiles = await readdir(drawn, { recursive: true })
    for (const key of GOOD) expect(drawnFiles).toContain(key)
  })

  it('streams throttled JSON progress and ends with a summary line', async () => {
    emulator = await startEmulator({ serviceTimeMs: 150 })
    const out = join(dir.path, 'project-json')
    const stamps: number[] = []
    let stdout = ''
    let stderr = ''
    const code = await main(['annotate', photos, '-o', out, ...gdFlags(emulator.url), '--json'], {
      env: {},
      stdout: (text) => {
        stamps.push(Date.now())
        stdout += text
      },
      stderr: (text) => void (stderr += text),
    })
    expect(code).toBe(2)
    const events = jsonEvents(stdout)
    expect(Object.keys(events[0]!)).toEqual(['start'])
    expect(events[0]!['start']).toMatchObject({ images: 5, toDo: 5, resumed: false })
    const progress = events.filter((e) => 'progress' in e)
    expect(progress.length).toBeGreaterThan(0)
    // At most ~4 events a second: consecutive progress lines are a timer tick (250 ms) apart.
    const progressStamps = stamps.slice(1, 1 + progress.length)
    for (let i = 1; i < progressStamps.length; i++) {
      expect(progressStamps[i]! - progressStamps[i - 1]!).toBeGreaterThanOrEqual(200)
    }
    const last = events.at(-1) as { summary: Record<string, unknown> }
    expect(last.summary).toMatchObject({ done: 3, failed: 2, exitCode: 2, cancelled: false })
    const failures = last.summary['failures'] as { key: string; code: string }[]
    expect(failures.map((f) => f.key).sort()).toEqual(['broken.jpg', 'sub/empty.png'])
    expect(stderr).toBe('')
  })

  it('draws a single progress line in place on a terminal', async () => {
    emulator = await startEmulator({ serviceTimeMs: 100 })
    const run = await runCli(
      ['annotate', photos, '--out', join(dir.path, 'project-tty'), ...gdFlags(emulator.url)],
      { isTTY: true, columns: () => 90 },
    )
    expect(run.code).toBe(2)
    const redraws = run.stderr.split('\r\x1b[2K').slice(1)
    expect(redraws.length).toBeGreaterThan(1)
    for (const line of redraws) expect(line.replace(/\n$/, '').length).toBeLessThan(90)
    expect(redraws.at(-1)).toMatch(
      /^\[█+\] 5\/5 {2}3 done · 2 failed · 0 left · .* img\/s · ETA .*\n$/,
    )
  })

  it('refuses an --out that is the project of another folder (exit 1)', async () => {
    emulator = await startEmulator()
    const other = join(dir.path, 'other-photos')
    await writeImages(other, ['x.png'])
    const run = await runCli([
      'annotate',
      other,
      '--out',
      join(dir.path, 'project-1'),
      ...gdFlags(emulator.url),
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/is already a project for the folder .*photos, not .*other-photos/)
    expect(emulator.stats.requests).toBe(0)
  })

  it('checks the server and the key before sending a folder, and never prints the key (exit 1)', async () => {
    const secret = 'k-5ecret-9876'
    emulator = await startEmulator({ apiKey: secret })
    const out = join(dir.path, 'project-key')
    const wrong = await runCli(['annotate', photos, '--out', out, ...gdFlags(emulator.url)], {
      env: { ROBOFLOW_API_KEY: 'wrong-key-123456' },
    })
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toMatch(/rejected the API key/)
    expect(wrong.stderr).toMatch(/Hint: Check ROBOFLOW_API_KEY/)
    expect(emulator.stats.inferences).toBe(0)
    const right = await runCli(
      ['annotate', photos, '--out', out, ...gdFlags(emulator.url), '--json'],
      {
        env: { ROBOFLOW_API_KEY: secret },
      },
    )
    expect(right.code).toBe(2)
    expect(emulator.stats.inferences).toBe(3)
    for (const text of [wrong.stdout, wrong.stderr, right.stdout, right.stderr]) {
      expect(text).not.toContain(secret)
      expect(text).not.toContain('wrong-key-123456')
    }
    const gone = await startEmulator()
    await gone.close()
    const unreachable = await runCli(['annotate', photos, '--out', out, ...gdFlags(gone.url)])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/^promptlabel: Could not reach the server/)
  })

  it('refuses a model route the server does not offer before sending anything (exit 1)', async () => {
    emulator = await startEmulator({ lmmEnabled: false })
    const run = await runCli([
      'annotate',
      photos,
      '--out',
      join(dir.path, 'project-moondream'),
      '--server',
      emulator.url,
      '--model',
      'moondream2',
      '--prompt',
      'red square',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^promptlabel: The server does not offer this model; no image was sent\./,
    )
    expect(emulator.stats.inferences).toBe(0)
  })

  it('labels only the images added since with --only-new', async () => {
    emulator = await startEmulator()
    const folder = join(dir.path, 'growing')
    const out = join(dir.path, 'project-growing')
    await writeImages(folder, ['one.png', 'two.png', 'sub/three.png'])
    const first = await runCli(['annotate', folder, '--out', out, ...gdFlags(emulator.url)])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/^Labelled 3 images in /)
    await writeImages(folder, ['four.png', 'sub/five.png'])
    emulator.resetStats()
    const again = await runCli([
      'annotate',
      folder,
      '--out',
      out,
      ...gdFlags(emulator.url),
      '--only-new',
    ])
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(/Labelling 2 new images of 5/)
    expect(again.stdout).toContain('Skipped 3 images that already had results.')
    expect(emulator.stats.inferences).toBe(2)
    expect([...doneCounts(await readLog(out)).values()]).toEqual([1, 1, 1, 1, 1])
  })

  it('stops cleanly when interrupted (exit 130) and the next run resumes where it stopped', async () => {
    emulator = await startEmulator({ serviceTimeMs: 80, slots: 1 })
    const folder = join(dir.path, 'interrupted')
    const out = join(dir.path, 'project-interrupted')
    const names = Array.from({ length: 10 }, (_, i) => `p${i}.png`)
    await writeImages(folder, names)
    const argv = ['annotate', folder, '--out', out, ...gdFlags(emulator.url), '--concurrency', '1']
    const controller = new AbortController()
    const watch = setInterval(() => {
      void readLog(out).then((lines) => lines.length >= 3 && controller.abort())
    }, 20)
    const first = await runCli(argv, { signal: controller.signal })
    clearInterval(watch)
    expect(first.code).toBe(130)
    expect(first.stdout).toMatch(/^Interrupted: \d+ images labelled/)
    const kept = (await readLog(out)).length
    expect(kept).toBeGreaterThanOrEqual(3)
    expect(kept).toBeLessThan(10)

    const second = await runCli(argv)
    expect(second.code).toBe(0)
    expect(second.stderr).toContain(`Resuming: ${kept} images already done, ${10 - kept} to go.`)
    expect(second.stdout).toContain(`Skipped ${kept} images that were already done.`)
    const counts = doneCounts(await readLog(out))
    expect(counts.size).toBe(10)
    expect([...counts.values()].every((n) => n === 1)).toBe(true)
  })
})
