import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatImportProgress } from '../../../src/cli/import-progress'
import { formatImportText, type ImportContext } from '../../../src/cli/import-report'
import type { Services } from '../../../src/main/services'
import type { AnnotationBox } from '../../../src/shared/annotations'
import type { ImportReport, OpenedAnnotations, ProjectInfo } from '../../../src/shared/contract'
import { writeImages, writeJson } from '../../support/import-fixtures'
import { call, createTestServices } from '../../support/services'
import { runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
/** The images folder every test imports into: a.png 200×100, sub/b.png 120×80, c.png 64×64. */
let images: string
let cases = 0

beforeAll(async () => {
  dir = await tempDir('cli-import')
  images = join(dir.path, 'images')
  await writeImages(images, [
    ['a.png', 200, 100],
    ['sub/b.png', 120, 80],
    ['c.png', 64, 64],
  ])
})
afterAll(() => dir.remove())

const opened: Services[] = []
afterEach(async () => {
  while (opened.length > 0) await opened.pop()!.close()
})

/** A fresh folder under the test's temp folder, not created. */
const fresh = (name: string): string => join(dir.path, `${name}-${++cases}`)

/** Two images of the folder and one that is not there; a box reaching outside a.png. */
const coco = {
  info: {},
  licenses: [],
  images: [
    { id: 1, file_name: 'a.png', width: 200, height: 100 },
    { id: 2, file_name: 'sub/b.png', width: 120, height: 80 },
    { id: 3, file_name: 'missing.png', width: 10, height: 10 },
  ],
  categories: [
    { id: 1, name: 'cat', supercategory: 'animal' },
    { id: 2, name: 'dog', supercategory: 'animal' },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: [10, 20, 50, 40], area: 2000, iscrowd: 0 },
    { id: 2, image_id: 1, category_id: 2, bbox: [150, 50, 80, 30], area: 2400, iscrowd: 0 },
    {
      id: 3,
      image_id: 2,
      category_id: 2,
      bbox: [5, 5, 20, 20],
      area: 400,
      iscrowd: 0,
      score: 0.9,
    },
    { id: 4, image_id: 3, category_id: 1, bbox: [1, 1, 2, 2], area: 4, iscrowd: 0 },
  ],
}

/** The project's boxes of one image, read through the app's services as the app would. */
async function boxesIn(
  project: { imagesDir: string; projectDir?: string; dataDir?: string },
  key: string,
): Promise<AnnotationBox[]> {
  const services = createTestServices(project.dataDir ?? fresh('check-data'))
  opened.push(services)
  const info = await call<ProjectInfo>(services, 'project.openFolder', {
    imagesDir: project.imagesDir,
    ...(project.projectDir === undefined ? {} : { projectDir: project.projectDir }),
  })
  const annotations = await call<OpenedAnnotations>(services, 'annotations.get', {
    projectId: info.id,
    key,
  })
  return annotations.doc.boxes
}

const summaryOf = (box: AnnotationBox) => [box.className, box.box, box.state]

/** Every file under a folder with its contents, to show that nothing changed. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    files[relative(root, path)] = await readFile(path, 'utf8')
  }
  return files
}

async function writeYolo(root: string): Promise<string> {
  await mkdir(join(root, 'labels', 'sub'), { recursive: true })
  await writeFile(join(root, 'data.yaml'), 'names:\n  0: cat\n  1: dog\n')
  // a.png 200×100: centre (100, 50), 40×40. sub/b.png 120×80: centre (30, 40), 60×20, scored.
  await writeFile(join(root, 'labels', 'a.txt'), '0 0.5 0.5 0.2 0.4\n')
  await writeFile(join(root, 'labels', 'sub', 'b.txt'), '1 0.25 0.5 0.5 0.25 0.7\n')
  return root
}

describe('promptlabel import --coco', () => {
  it('imports into an --out project: the boxes are in its annotations, the summary says what happened', async () => {
    const source = await writeJson(join(fresh('coco'), 'instances.json'), coco)
    const out = fresh('project')
    const run = await runCli(['import', images, '--coco', source, '--out', out])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toBe(
      [
        `Imported ${source} (COCO).`,
        '  2 images of the folder matched; 2 changed.',
        '  Added 2 labels and 1 suggestion (boxes with a score, left to review).',
        '  Added 2 classes to the project: cat, dog.',
        'Skipped images (1):',
        '  missing.png: matches no image in the project folder',
        'Skipped boxes (1):',
        '  image 3, annotation 4: its image is not imported',
        'Clamped to their image (1):',
        '  a.png, annotation 2: reached outside the image; clamped',
        `Project: ${out}`,
        '',
      ].join('\n'),
    )
    expect((await boxesIn({ imagesDir: images, projectDir: out }, 'a.png')).map(summaryOf)).toEqual(
      [
        ['cat', { x: 10, y: 20, width: 50, height: 40 }, 'accepted'],
        ['dog', { x: 150, y: 50, width: 50, height: 30 }, 'accepted'],
      ],
    )
    const b = await boxesIn({ imagesDir: images, projectDir: out }, 'sub/b.png')
    expect(b).toMatchObject([{ className: 'dog', confidence: 0.9, state: 'suggested' }])

    // The same file again adds nothing: every box is already there.
    const again = await runCli(['import', images, '--coco', source, '--out', out, '--json'])
    expect(again.code).toBe(0)
    expect(again.records).toMatchObject([
      { labels: 0, suggestions: 0, duplicates: 3, changedImages: 0, newClasses: [] },
    ])
    expect(await boxesIn({ imagesDir: images, projectDir: out }, 'a.png')).toHaveLength(2)
  })

  it('merges by default and swaps an image’s boxes with --replace', async () => {
    const first = await writeJson(join(fresh('coco'), 'first.json'), coco)
    const other = {
      ...coco,
      images: [coco.images[0]],
      annotations: [
        { id: 1, image_id: 1, category_id: 2, bbox: [100, 10, 30, 30], area: 900, iscrowd: 0 },
      ],
    }
    const second = await writeJson(join(fresh('coco'), 'second.json'), other)
    const merged = fresh('project')
    const replaced = fresh('project')
    for (const out of [merged, replaced]) {
      expect((await runCli(['import', images, '--coco', first, '--out', out])).code).toBe(0)
    }
    expect((await runCli(['import', images, '--coco', second, '--out', merged])).code).toBe(0)
    const run = await runCli(['import', images, '--coco', second, '--out', replaced, '--replace'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("  Replaced 2 boxes the project had with the file's.")

    const classes = (boxes: AnnotationBox[]) => boxes.map((b) => b.className)
    expect(classes(await boxesIn({ imagesDir: images, projectDir: merged }, 'a.png'))).toEqual([
      'cat',
      'dog',
      'dog',
    ])
    expect(
      (await boxesIn({ imagesDir: images, projectDir: replaced }, 'a.png')).map(summaryOf),
    ).toEqual([['dog', { x: 100, y: 10, width: 30, height: 30 }, 'accepted']])
    // An image the second file does not mention keeps its boxes either way.
    expect(await boxesIn({ imagesDir: images, projectDir: replaced }, 'sub/b.png')).toHaveLength(1)
  })

  it('without --out uses the app’s own project for the folder, and needs no key or profile', async () => {
    const source = await writeJson(join(fresh('coco'), 'instances.json'), coco)
    const dataDir = fresh('app-data')
    const env = { PROMPTLABEL_DATA_DIR: dataDir }
    const run = await runCli(['import', images, '--coco', source, '--json'], { env })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.records).toHaveLength(1)
    const report = run.records[0] as unknown as ImportReport
    expect(report).toMatchObject({
      format: 'coco',
      source,
      dryRun: false,
      cancelled: false,
      matchedImages: 2,
      changedImages: 2,
      labels: 2,
      suggestions: 1,
      duplicates: 0,
      replaced: 0,
      newClasses: ['cat', 'dog'],
      classes: ['cat', 'dog'],
      unlabelled: 0,
      firstKey: 'a.png',
    })
    expect(report.skippedImages).toEqual({
      total: 1,
      items: [{ where: 'missing.png', message: 'matches no image in the project folder' }],
    })

    // The app opening the folder finds the boxes.
    const inApp = await boxesIn({ imagesDir: images, dataDir }, 'a.png')
    expect(inApp.map((b) => b.className)).toEqual(['cat', 'dog'])

    // A dry run reads that same project: everything is already there.
    const check = await runCli(
      ['import', images, '--coco', source, '--data-dir', dataDir, '--dry-run'],
      { env: {} },
    )
    expect(check.code).toBe(0)
    expect(check.stdout).toContain('  Would add 0 labels and 0 suggestions')
    expect(check.stdout).toContain('  3 boxes already in the project: not added again.')
    expect(check.stdout).toContain(`Project: ${join(dataDir, 'projects')}`)
    expect(check.stdout).toMatch(/projects[/\\][0-9a-f]{16} \(the app's project for /)
  })
})

describe('promptlabel import --yolo', () => {
  it('imports a dataset folder: labels, scored suggestions, images without a label file', async () => {
    const dataset = await writeYolo(fresh('yolo'))
    const out = fresh('project')
    const run = await runCli(['import', images, '--yolo', dataset, '--out', out])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`Imported ${dataset} (YOLO).`)
    expect(run.stdout).toContain('  2 images of the folder matched; 2 changed.')
    expect(run.stdout).toContain('  Added 1 label and 1 suggestion')
    expect(run.stdout).toContain('  1 image of the folder has no label file: left as it is.')

    const [a] = await boxesIn({ imagesDir: images, projectDir: out }, 'a.png')
    expect(a).toMatchObject({ className: 'cat', state: 'accepted' })
    expect(a!.box.x).toBeCloseTo(80, 6)
    expect(a!.box.y).toBeCloseTo(30, 6)
    expect(a!.box.width).toBeCloseTo(40, 6)
    expect(a!.box.height).toBeCloseTo(40, 6)
    const [b] = await boxesIn({ imagesDir: images, projectDir: out }, 'sub/b.png')
    expect(b).toMatchObject({ className: 'dog', confidence: 0.7, state: 'suggested' })
    expect(b!.box.x).toBeCloseTo(0, 6)
    expect(b!.box.y).toBeCloseTo(30, 6)
    expect(b!.box.width).toBeCloseTo(60, 6)
    expect(b!.box.height).toBeCloseTo(20, 6)
  })

  it('takes the labels folder or the data.yaml as well', async () => {
    const dataset = await writeYolo(fresh('yolo'))
    for (const source of [join(dataset, 'labels'), join(dataset, 'data.yaml')]) {
      const run = await runCli([
        'import',
        images,
        '--yolo',
        source,
        '--out',
        fresh('project'),
        '--json',
      ])
      expect(run.code, source).toBe(0)
      expect(run.records, source).toMatchObject([
        { format: 'yolo', matchedImages: 2, labels: 1, suggestions: 1, unlabelled: 1 },
      ])
    }
  })

  it('exits 1 with the reason when there is no data.yaml', async () => {
    const dataset = fresh('nameless')
    await mkdir(join(dataset, 'labels'), { recursive: true })
    await writeFile(join(dataset, 'labels', 'a.txt'), '0 0.5 0.5 0.5 0.5\n')
    const run = await runCli(['import', images, '--yolo', dataset, '--out', fresh('project')])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('promptlabel: No data.yaml or classes.txt in ')
  })
})

describe('promptlabel import --dry-run', () => {
  it('writes no project when there is none yet, and says what it would do', async () => {
    const source = await writeJson(join(fresh('coco'), 'instances.json'), coco)
    const out = fresh('project')
    const dataDir = fresh('app-data')
    const run = await runCli(['import', images, '--coco', source, '--out', out, '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      `Dry run: nothing was written. Importing ${source} (COCO) would do this:`,
      '  2 images of the folder matched; 2 would change.',
      '  Would add 2 labels and 1 suggestion (boxes with a score, left to review).',
      '  Would add 2 classes to the project: cat, dog.',
    ])
    expect(run.stdout).toContain(`Project: ${out} (not created: dry run)`)
    expect(existsSync(out)).toBe(false)

    const app = await runCli(
      ['import', images, '--coco', source, '--data-dir', dataDir, '--dry-run', '--json'],
      {},
    )
    expect(app.code).toBe(0)
    expect(app.records).toMatchObject([{ dryRun: true, labels: 2, suggestions: 1 }])
    expect(existsSync(dataDir)).toBe(false)
  })

  it('leaves an existing project exactly as it was, even one without a review log', async () => {
    const first = await writeJson(join(fresh('coco'), 'first.json'), coco)
    const out = fresh('project')
    expect((await runCli(['import', images, '--coco', first, '--out', out])).code).toBe(0)
    // A project made by `annotate` has no review log; opening it would start one.
    await rm(join(out, 'reviews.jsonl'), { force: true })
    const before = await snapshot(out)
    const yolo = await writeYolo(fresh('yolo'))
    const run = await runCli([
      'import',
      images,
      '--yolo',
      yolo,
      '--out',
      out,
      '--replace',
      '--dry-run',
      '--json',
    ])
    expect(run.code).toBe(0)
    expect(run.records).toMatchObject([{ dryRun: true, changedImages: 2, labels: 1 }])
    expect(await snapshot(out)).toEqual(before)
  })
})

describe('promptlabel import: problems', () => {
  it('exits 1 without creating a project when the file is missing', async () => {
    const out = fresh('project')
    const missing = join(dir.path, 'nope.json')
    const run = await runCli(['import', images, '--coco', missing, '--out', out])
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `promptlabel: --coco ${missing} does not exist.\n`,
    })
    expect(existsSync(out)).toBe(false)
  })

  it('exits 1 with the reason and a hint when the file is not JSON', async () => {
    const broken = await writeJson(join(fresh('coco'), 'broken.json'), '{"images": [')
    const run = await runCli(['import', images, '--coco', broken, '--out', fresh('project')])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^promptlabel: broken\.json is not valid JSON \(.+\)\.\n/)
    expect(run.stderr).toContain('Hint: Choose a COCO detection file (.json)')
  })

  it('exits 1 for a missing images folder, and for a project of another folder', async () => {
    const source = await writeJson(join(fresh('coco'), 'instances.json'), coco)
    const nowhere = join(dir.path, 'no-such-folder')
    const missing = await runCli(['import', nowhere, '--coco', source, '--out', fresh('project')])
    expect(missing).toMatchObject({
      code: 1,
      stderr: `promptlabel: The folder ${nowhere} does not exist.\n`,
    })

    const out = fresh('project')
    expect((await runCli(['import', images, '--coco', source, '--out', out])).code).toBe(0)
    const elsewhere = fresh('other-images')
    await mkdir(elsewhere)
    const wrong = await runCli(['import', elsewhere, '--coco', source, '--out', out])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain(`is already a project for the folder ${images}`)
  })

  it('exits 2 when nothing in the file belongs to an image of the folder', async () => {
    const source = await writeJson(join(fresh('coco'), 'elsewhere.json'), {
      ...coco,
      images: [coco.images[2]],
      annotations: [coco.annotations[3]],
    })
    const run = await runCli(['import', images, '--coco', source, '--out', fresh('project')])
    expect(run.code).toBe(2)
    expect(run.stdout).toContain('  0 images of the folder matched; 0 changed.')
    expect(run.stdout).toContain(`Nothing to import: nothing in ${source} belongs to an image in`)
  })

  it('stops before opening anything when interrupted', async () => {
    const source = await writeJson(join(fresh('coco'), 'instances.json'), coco)
    const out = fresh('project')
    const controller = new AbortController()
    controller.abort()
    const run = await runCli(['import', images, '--coco', source, '--out', out], {
      signal: controller.signal,
    })
    expect(run.code).toBe(130)
    expect(existsSync(out)).toBe(false)
  })
})

describe('promptlabel import: usage', () => {
  const usage = (message: string) =>
    `promptlabel: ${message}\nRun "promptlabel --help" to see the options.\n`

  it('refuses missing, conflicting and misplaced flags with a usage error', async () => {
    const cases: [string[], string][] = [
      [['import', images, '--coco', 'a.json', '--yolo', 'ds'], 'Use either --coco or --yolo'],
      [['import', images], 'Say what to import: --coco <file.json> or --yolo <dataset>'],
      [['import', '--coco', 'a.json'], 'Give the folder of images'],
      [['import', images, images, '--coco', 'a.json'], 'import takes one images folder; got 2'],
      [['import', images, '--coco', ''], '--coco needs a path.'],
      [
        ['import', images, '--coco', 'a.json', '--out', 'p', '--data-dir', 'd'],
        '--data-dir only applies without --out',
      ],
      [
        ['import', images, '--coco', 'a.json', '--model', 'owlv2'],
        '--model is not an option of "promptlabel import" (it belongs to detect, annotate, eval).',
      ],
      [['import', images, '--coco', 'a.json', '--colour', 'red'], 'Unknown option --colour.'],
      [
        ['annotate', images, '--out', 'p', '--replace'],
        '--replace is not an option of "promptlabel annotate" (it belongs to import).',
      ],
    ]
    for (const [argv, message] of cases) {
      const run = await runCli(argv)
      expect(run.code, argv.join(' ')).toBe(1)
      expect(run.stdout, argv.join(' ')).toBe('')
      expect(run.stderr, argv.join(' ')).toMatch(/^promptlabel: .*\nRun "promptlabel --help"/)
      expect(run.stderr, argv.join(' ')).toContain(message)
    }
    expect((await runCli(['import', images])).stderr).toBe(
      usage(
        'Say what to import: --coco <file.json> or --yolo <dataset> (its folder, labels folder or data.yaml).',
      ),
    )
  })

  it('has its own help, listed in the overview', async () => {
    for (const argv of [
      ['import', '--help'],
      ['help', 'import'],
    ]) {
      const help = await runCli(argv)
      expect(help.code).toBe(0)
      expect(help.stdout).toMatch(
        /^Usage: promptlabel import <folder> \(--coco <file\.json> \| --yolo/,
      )
      for (const flag of [
        '--out',
        '--data-dir',
        '--replace',
        '--dry-run',
        '--json',
        'Exit status',
      ]) {
        expect(help.stdout).toContain(flag)
      }
      expect(help.stdout).toContain('2    nothing matched')
    }
    expect((await runCli(['--help'])).stdout).toContain('import <folder> --coco <file>')
  })
})

describe('import progress and summary pieces', () => {
  it('draws progress in place on a terminal only', async () => {
    const source = await writeJson(join(fresh('coco'), 'instances.json'), coco)
    const tty = await runCli(['import', images, '--coco', source, '--out', fresh('project')], {
      isTTY: true,
      columns: () => 100,
    })
    expect(tty.code).toBe(0)
    expect(tty.stderr).toContain('\r\x1b[2K')
    expect(tty.stderr).toMatch(/\] Writing annotations 2\/2\n$/)
    const piped = await runCli(['import', images, '--coco', source, '--out', fresh('project')])
    expect(piped.stderr).toBe('')
  })

  it('keeps the progress line inside the terminal', () => {
    const progress = { projectId: 'p', phase: 'matching' as const, done: 3, total: 12 }
    expect(formatImportProgress(progress, false, 60)).toMatch(
      /^\[█{7}░{23}\] Matching images 3\/12$/,
    )
    expect(formatImportProgress(progress, false, 20)).toBe('Matching images 3/1')
    expect(formatImportProgress({ ...progress, phase: 'writing' }, true, 20)).toBe(
      'Checking annotation',
    )
    // A terminal that reports no size gets the usual 80 columns, not an empty line.
    expect(formatImportProgress(progress, false, 0)).toBe(formatImportProgress(progress, false, 80))
    expect(formatImportProgress(progress, false, 80)).toContain('] Matching images 3/12')
    expect(formatImportProgress({ ...progress, phase: 'reading', total: 0 }, false, 80)).toBe(
      'Reading…',
    )
  })

  it('lists the notes kept and counts the rest', () => {
    const report: ImportReport = {
      format: 'coco',
      source: '/data/x.json',
      dryRun: false,
      cancelled: false,
      matchedImages: 1,
      changedImages: 1,
      labels: 1,
      suggestions: 0,
      duplicates: 0,
      replaced: 0,
      newClasses: [],
      classes: ['cat'],
      skippedImages: { total: 0, items: [] },
      // The service keeps the first 100 of each kind; the summary lists 20 of those.
      skippedBoxes: {
        total: 150,
        items: Array.from({ length: 100 }, (_, i) => ({
          where: `a.png, annotation ${i + 1}`,
          message: 'no category has id 9',
        })),
      },
      clamped: { total: 0, items: [] },
      rescaled: { total: 1, items: [{ where: 'b.png', message: 'boxes scaled to fit' }] },
      unlabelled: 0,
      firstKey: 'a.png',
    }
    const context: ImportContext = {
      source: 'x.json',
      folder: 'photos',
      project: '/p',
      appProject: false,
      projectMissing: false,
    }
    expect(formatImportText(report, context)).toBe(
      [
        'Imported x.json (COCO).',
        '  1 image of the folder matched; 1 changed.',
        '  Added 1 label and 0 suggestions (boxes with a score, left to review).',
        'Skipped boxes (150):',
        ...Array.from(
          { length: 20 },
          (_, i) => `  a.png, annotation ${i + 1}: no category has id 9`,
        ),
        '  and 130 more',
        "Rescaled to the image's size (1):",
        '  b.png: boxes scaled to fit',
        'Project: /p',
        '',
      ].join('\n'),
    )
    expect(formatImportText({ ...report, cancelled: true }, context)).toContain(
      'Stopped before the end (Ctrl-C)',
    )
  })
})
