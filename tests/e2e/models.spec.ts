import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeShapesImage, type ShapeSpec } from '../support/test-images'
import { expect, test } from './fixtures'
import { ModelsPage, type ImageBox } from './pages/models-page'
import { ProjectPage } from './pages/project-page'
import type { ListedDetection } from './pages/workspace-page'

/** Writes a shapes image (displayed pixels, as the app must report them) and returns its path. */
async function writeShapes(
  dir: string,
  name: string,
  size: { width: number; height: number },
  shapes: ShapeSpec[],
): Promise<string> {
  const { buffer } = await makeShapesImage({ ...size, shapes, format: 'png' })
  const path = join(dir, name)
  await writeFile(path, buffer)
  return path
}

/** Each expected shape is listed once, with its class, within ±2 px on every side. */
function expectBoxes(listed: ListedDetection[], expected: (ImageBox & { className: string })[]) {
  expect(listed).toHaveLength(expected.length)
  const byPlace = <T extends ImageBox>(list: T[]) =>
    [...list].sort((a, b) => a.x - b.x || a.y - b.y)
  const actual = byPlace(listed)
  byPlace(expected).forEach((shape, i) => {
    const box = actual[i]!
    expect(box.className).toBe(shape.className)
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(box[key] - shape[key]), `${shape.className} ${key}`).toBeLessThanOrEqual(2)
    }
  })
}

const red = (x: number, y: number, width: number, height: number): ShapeSpec => ({
  colour: 'red',
  x,
  y,
  width,
  height,
})

test('Moondream2 finds each prompt as its own class', async ({ workspace, emulator, workDir }) => {
  const models = new ModelsPage(workspace)
  const shapes: ShapeSpec[] = [
    red(30, 40, 80, 60),
    { colour: 'blue', x: 200, y: 120, width: 70, height: 90 },
    { colour: 'green', x: 300, y: 30, width: 50, height: 50 },
  ]
  const path = await writeShapes(workDir, 'moondream.png', { width: 400, height: 260 }, shapes)
  await workspace.useServer(emulator.url)
  await models.openImage(path)
  await models.choose('moondream2')
  await expect(models.page.getByTestId('moondream.model-id')).toHaveValue(
    'moondream2/moondream2-2b',
  )
  await models.fillMoondream(['red', 'blue square'])
  await models.detect()

  expectBoxes(await workspace.listedDetections(), [
    { ...red(30, 40, 80, 60), className: 'red' },
    { x: 200, y: 120, width: 70, height: 90, className: 'blue square' },
  ])
  await expect(workspace.errorBar).toHaveCount(0)
})

test('a custom model keeps only the filtered class above the confidence, and can show its own picture', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const models = new ModelsPage(workspace)
  // The 6x6 red speck scores about 0.33 on the emulator's custom model: under 50 %, over 30 %.
  const path = await writeShapes(workDir, 'hosted.png', { width: 400, height: 260 }, [
    red(20, 30, 90, 70),
    red(250, 150, 60, 60),
    red(200, 20, 6, 6),
    { colour: 'blue', x: 140, y: 120, width: 70, height: 70 },
  ])
  await workspace.useServer(emulator.url)
  await models.openImage(path)
  await models.choose('hosted')
  await expect(models.page.getByTestId('hosted.confidence')).toHaveValue('40')
  await expect(models.page.getByTestId('hosted.overlap')).toHaveValue('30')
  await models.fillHosted({ project: 'shapes', version: 1, confidence: 50, classes: 'red' })
  await models.detect()
  expectBoxes(await workspace.listedDetections(), [
    { ...red(20, 30, 90, 70), className: 'red' },
    { ...red(250, 150, 60, 60), className: 'red' },
  ])
  await expect(models.page.getByTestId('canvas.show-rendered')).toHaveCount(0)

  await models.page.getByTestId('hosted.format-image').check()
  await models.detect()
  await expect(models.stage).toHaveAttribute('data-source', 'rendered')
  await expect(models.page.getByTestId('canvas.show-rendered')).toBeChecked()
  await expect(workspace.detectionItems).toHaveCount(2)
  await models.page.getByTestId('canvas.show-rendered').uncheck()
  await expect(models.stage).toHaveAttribute('data-source', 'original')
})

const REFERENCE_RED = red(60, 50, 120, 90)
const REFERENCE_BLUE: ShapeSpec = { colour: 'blue', x: 260, y: 160, width: 80, height: 70 }
const QUERY_SHAPES: ShapeSpec[] = [
  red(30, 40, 70, 50),
  red(220, 170, 90, 60),
  { colour: 'blue', x: 150, y: 60, width: 60, height: 60 },
  { colour: 'green', x: 330, y: 30, width: 40, height: 40 },
]

/** Opens reference A and query B so both are in the image bar's list. */
async function openReferenceAndQuery(
  models: ModelsPage,
  workDir: string,
  serverUrl: string,
): Promise<void> {
  const dir = join(workDir, 'owl')
  await mkdir(dir)
  const size = { width: 400, height: 260 }
  const a = await writeShapes(dir, 'reference-a.png', size, [REFERENCE_RED, REFERENCE_BLUE])
  const b = await writeShapes(dir, 'query-b.png', size, QUERY_SHAPES)
  await models.workspace.useServer(serverUrl)
  await models.openImage(b)
  await models.openImage(a)
  await models.choose('owlv2')
  await models.openBuilder()
  await models.addReference('reference-a.png')
}

test('OwlV2 learns from an example drawn on image A and finds the same shapes on image B', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const models = new ModelsPage(workspace)
  await openReferenceAndQuery(models, workDir, emulator.url)
  await expect(models.page.getByTestId('owlv2.confidence')).toHaveValue('0.99')

  await models.startExamples('red shape')
  await models.drawBoxReversed(REFERENCE_RED)
  // A slip of the hand is not an example.
  await models.drawBox({ x: 300, y: 40, width: 2, height: 2 })
  await models.page.keyboard.press('Escape')
  await expect(models.exemplarStage).toHaveAttribute('data-tool', 'select')

  await expect(models.references).toHaveCount(1)
  await expect(models.references).toHaveAttribute('data-name', 'reference-a.png')
  const [example, ...others] = await models.listedExemplars()
  expect(others).toHaveLength(0)
  expect(example?.className).toBe('red shape')
  expect(example?.negative).toBe(false)
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(example![key] - REFERENCE_RED[key])).toBeLessThanOrEqual(2)
  }

  await models.closeBuilder()
  const thumb = models.page.getByTestId('owlv2.set').getByTestId('owlv2.exemplar-thumb')
  await expect(thumb).toHaveAttribute('data-boxes', '1')
  await models.switchTo('query-b.png')
  await models.detect()
  expectBoxes(
    await workspace.listedDetections(),
    QUERY_SHAPES.filter((s) => s.colour === 'red').map((s) => ({ ...s, className: 'red shape' })),
  )
  await expect(models.page.getByTestId('owlv2.negative-note')).toHaveCount(0)
  await expect(workspace.errorBar).toHaveCount(0)
})

test('a counter-example is sent with a visible caveat, and examples can be removed', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const models = new ModelsPage(workspace)
  await openReferenceAndQuery(models, workDir, emulator.url)
  await models.startExamples('red shape')
  await models.drawBox(REFERENCE_RED)
  await models.startExamples('red shape', true)
  await models.drawBoxReversed(REFERENCE_BLUE)
  await models.page.keyboard.press('Escape')

  await expect(models.exemplarBoxes).toHaveCount(2)
  await expect(models.exemplarBoxes.nth(1)).toHaveAttribute('data-negative', 'true')
  await models.closeBuilder()
  await expect(models.page.getByTestId('owlv2.negative-note')).toBeVisible()
  await models.page.setViewportSize({ width: 1280, height: 800 })
  await mkdir('test-results/screenshots', { recursive: true })
  await models.page.screenshot({ path: 'test-results/screenshots/owlv2-editor.png' })

  await models.switchTo('query-b.png')
  await models.detect()
  await expect(models.page.getByTestId('detection.warnings')).toBeVisible()
  await models.page.screenshot({ path: 'test-results/screenshots/owlv2-query.png' })
  const listed = await workspace.listedDetections()
  expect(listed.map((d) => d.className)).toEqual(['red shape', 'red shape'])

  await models.openBuilder()
  await models.exemplarBoxes.nth(1).getByTestId('owlv2.box.remove').click()
  await expect(models.exemplarBoxes).toHaveCount(1)
  await models.closeBuilder()
  await expect(models.page.getByTestId('owlv2.negative-note')).toHaveCount(0)
})

test('the Grounding DINO, Moondream2 and custom-model prompts are saved with each project', async ({
  workspace,
  workDir,
}) => {
  const page = workspace.page
  const models = new ModelsPage(workspace)
  const project = new ProjectPage(workspace)
  const current = page.getByTestId('project.current')
  const classes = page.getByTestId('prompt.classes')
  const boxThreshold = page.getByTestId('prompt.box-threshold')
  const moondream = page.getByTestId('moondream.prompts')
  const hostedProject = page.getByTestId('hosted.project')
  const open = async (name: 'alpha' | 'beta') => {
    await project.openFolder(join(workDir, name))
    await expect(current).toContainText(name)
  }
  const expectPrompts = async (expected: {
    classes: string
    moondream: string
    hosted: string
  }) => {
    await models.choose('grounding-dino')
    await expect(classes).toHaveValue(expected.classes)
    await expect(boxThreshold).toHaveValue('0.5')
    await models.choose('moondream2')
    await expect(moondream).toHaveValue(expected.moondream)
    await models.choose('hosted')
    await expect(hostedProject).toHaveValue(expected.hosted)
  }
  for (const name of ['alpha', 'beta']) {
    await mkdir(join(workDir, name))
    await writeShapes(join(workDir, name), 'a.png', { width: 120, height: 80 }, [red(5, 5, 30, 20)])
  }

  await open('alpha')
  await classes.fill('red square, blue')
  await boxThreshold.fill('0.5')
  await models.choose('moondream2')
  await models.fillMoondream(['red', 'green'])
  await models.choose('hosted')
  await hostedProject.fill('shapes')
  // Straight on to another project: what alpha's editors hold is written to alpha first. Beta has
  // no prompts yet, so it starts with the session's and keeps its own edits.
  await open('beta')
  await models.choose('moondream2')
  await expect(moondream).toHaveValue('red\ngreen')
  await models.fillMoondream(['yellow'])
  await models.choose('grounding-dino')
  await classes.fill('circle')

  const alpha = { classes: 'red square, blue', moondream: 'red\ngreen', hosted: 'shapes' }
  const beta = { classes: 'circle', moondream: 'yellow', hosted: 'shapes' }
  await open('alpha')
  await expectPrompts(alpha)

  // A fresh window (editors empty) reopens a project; each shows its own prompts again.
  await expect(page.getByTestId('model.editor')).toHaveAttribute('data-saved', 'true')
  await page.reload()
  await expect(current).toHaveAttribute('data-dir', /.+/)
  await open('beta')
  await expectPrompts(beta)
  await open('alpha')
  await expectPrompts(alpha)
})
