import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ModelsPage } from './pages/models-page'
import { openShapesFolder } from './pages/project-page'
import { guideScreenshot } from './pages/welcome-page'

/** Labels from another tool for the shapes folder: img1's red shape, img2's blue one and a stray. */
const coco = {
  info: {},
  licenses: [],
  images: [
    { id: 1, file_name: 'img1.png', width: 320, height: 240 },
    { id: 2, file_name: 'img2.png', width: 320, height: 240 },
    { id: 3, file_name: 'elsewhere/missing.png', width: 320, height: 240 },
  ],
  categories: [
    { id: 1, name: 'red shape', supercategory: 'shape' },
    { id: 2, name: 'blue shape', supercategory: 'shape' },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: [18, 20, 60, 50], area: 3000, iscrowd: 0 },
    { id: 2, image_id: 2, category_id: 2, bbox: [180, 120, 70, 80], area: 5600, iscrowd: 0 },
    { id: 3, image_id: 2, category_id: 1, bbox: [300, 200, 50, 50], area: 2500, iscrowd: 0 },
    { id: 4, image_id: 3, category_id: 1, bbox: [1, 1, 5, 5], area: 25, iscrowd: 0 },
  ],
}

test('imports a COCO file after checking it, and uses the imported labels as OwlV2 examples', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const source = join(workDir, 'from another tool', 'instances.json')
  await mkdir(join(workDir, 'from another tool'))
  await writeFile(source, JSON.stringify(coco))
  const page = workspace.page
  await workspace.useServer(emulator.url)
  const { project } = await openShapesFolder(workspace, workDir)

  await page.getByTestId('import.open').click()
  await expect(page.getByTestId('import.dialog')).toBeVisible()
  await page.getByTestId('import.source').fill(source)
  await page.getByTestId('import.check').click()
  const preview = page.getByTestId('import.preview')
  await expect(preview).toHaveAttribute('data-labels', '3')
  await expect(preview).toContainText('Would add 3 labels to 2 images')
  await expect(page.getByTestId('import.new-classes')).toContainText('red shape, blue shape')
  // A check writes nothing.
  expect((await project.statuses())['img1.png']).toBe('not-run')

  await page.getByTestId('import.start').click()
  const result = page.getByTestId('import.result')
  await expect(result).toHaveAttribute('data-labels', '3')
  await expect(result).toHaveAttribute('data-changed', '2')
  await expect(page.getByTestId('import.skipped-images')).toContainText('elsewhere/missing.png')
  await expect(page.getByTestId('import.clamped')).toContainText('1 box clamped')
  await guideScreenshot(page, 'import-dialog')
  await expect(project.item('img1.png')).toHaveAttribute('data-status', 'reviewed')
  await expect(project.item('img2.png')).toHaveAttribute('data-status', 'reviewed')

  await page.getByTestId('import.go').click()
  await expect(page.getByTestId('import.dialog')).toBeHidden()
  await project.expectSelected('img1.png')
  await expect(workspace.detectionItems).toHaveCount(1)
  const [label] = await workspace.listedDetections()
  expect(label).toMatchObject({ className: 'red shape', x: 18, y: 20, width: 60, height: 50 })
  await expect(page.getByTestId('classes.item')).toHaveCount(2)

  // The imported label becomes the example OwlV2 looks for on another image.
  const models = new ModelsPage(workspace)
  await models.choose('owlv2')
  await models.openBuilder()
  await models.offerCurrentBoxes()
  await expect(models.offer.getByTestId('owlv2.offer.confirm')).toHaveText('Add 1 example')
  await models.offer.getByTestId('owlv2.offer.confirm').click()
  await expect(models.offer).toBeHidden()
  await expect(models.references).toHaveCount(1)
  const exemplars = await models.listedExemplars()
  expect(exemplars).toEqual([
    { className: 'red shape', negative: false, x: 18, y: 20, width: 60, height: 50 },
  ])
  await models.closeBuilder()
  await project.item('img4.png').click()
  await project.expectSelected('img4.png')
  await models.detect()
  const found = await workspace.listedDetections()
  expect(found.map((b) => b.className)).toEqual(['red shape'])
  expect(Math.abs(found[0]!.x - (10 + 4 * 8))).toBeLessThanOrEqual(2)
  expect(Math.abs(found[0]!.width - 60)).toBeLessThanOrEqual(2)
  await expect(workspace.errorBar).toHaveCount(0)
})

test('a file that is not COCO is refused in the dialog, and nothing changes', async ({
  workspace,
  workDir,
}) => {
  const broken = join(workDir, 'broken.json')
  await writeFile(broken, '{"images": [')
  const page = workspace.page
  const { dir, project } = await openShapesFolder(workspace, workDir)
  await page.getByTestId('import.open').click()
  await page.getByTestId('import.source').fill(broken)
  await page.getByTestId('import.start').click()
  const error = page.getByTestId('import.error')
  await expect(error).toHaveAttribute('data-code', 'invalid-input')
  await expect(error).toContainText('broken.json is not valid JSON')
  await expect(page.getByTestId('import.result')).toHaveCount(0)
  expect(Object.values(await project.statuses()).every((s) => s === 'not-run')).toBe(true)

  // YOLO without class names says where it looked.
  await page.getByTestId('import.format.yolo').check()
  await page.getByTestId('import.source').fill(dir)
  await page.getByTestId('import.check').click()
  await expect(error).toContainText('No data.yaml or classes.txt')
})
