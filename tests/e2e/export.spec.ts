import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { validateCoco } from '../../src/main/services/exports'
import { expect, test } from './fixtures'
import { openShapesFolder } from './pages/project-page'
import { defaultOrFreeLocalUrl, WelcomePage } from './pages/welcome-page'

interface CocoFile {
  images: { id: number; file_name: string; width: number; height: number }[]
  annotations: { image_id: number; category_id: number; score?: number }[]
  categories: { id: number; name: string }[]
}

test('exports the suggestions of a batch run as COCO that passes the pre-flight check, and as YOLO', async ({
  workspace,
  emulator,
  workDir,
}) => {
  emulator.setOptions({ slots: 2, serviceTimeMs: 100 })
  await workspace.useServer(emulator.url)
  const { keys, broken, project } = await openShapesFolder(workspace, workDir)
  await workspace.page.getByTestId('prompt.classes').fill('red, blue')
  await project.runAll()
  await project.waitForRunEnd()

  // Nothing is accepted yet, so the suggestions go in (with their score).
  const cocoPath = join(workDir, 'out', 'shoot-coco.json')
  await mkdir(join(workDir, 'out'))
  const result = await project.exportAs({
    format: 'coco',
    target: cocoPath,
    includeSuggested: true,
  })
  await expect(result).toHaveAttribute('data-outcome', 'written')
  await expect(workspace.page.getByTestId('export.warnings')).toContainText(broken)
  await workspace.page.screenshot({ path: 'test-results/screenshots/export-dialog.png' })

  const coco = JSON.parse(await readFile(cocoPath, 'utf8')) as CocoFile
  expect(validateCoco(coco, { classes: ['red', 'blue'] })).toMatchObject({ ok: true, problems: [] })
  // Nine shapes images carry a red square, the even ones a blue box too; two more red squares.
  expect(coco.annotations).toHaveLength(9 + 4 + 2)
  expect(coco.categories.map((c) => [c.id, c.name])).toEqual([
    [1, 'red'],
    [2, 'blue'],
  ])
  expect(coco.annotations.every((a) => typeof a.score === 'number')).toBe(true)
  expect(coco.images.map((i) => i.file_name).sort()).toEqual(
    keys.filter((k) => k !== broken).sort(),
  )
  await expect(result).toContainText(`${coco.annotations.length} boxes`)

  // YOLO, accepted boxes only: by default only reviewed images go, and none is reviewed yet.
  await workspace.page.getByTestId('export.format').selectOption('yolo')
  const yoloDir = join(workDir, 'out', 'shoot-yolo')
  await workspace.page.getByTestId('export.target').fill(yoloDir)
  await workspace.page.getByTestId('export.include-suggested').setChecked(false)
  await expect(workspace.page.getByTestId('export.images')).toHaveValue('reviewed')
  await expect(workspace.page.getByTestId('export.nothing-reviewed')).toContainText(
    'No image is reviewed yet, so this export would hold nothing.',
  )
  await expect(workspace.page.getByTestId('export.start')).toBeDisabled()
  // Asked for every image, each gets its (empty) label file.
  await workspace.page.getByTestId('export.target').fill(`${yoloDir}-all`)
  await workspace.page.getByTestId('export.images').selectOption('all')
  await workspace.page.getByTestId('export.start').click()
  await expect(workspace.page.getByTestId('export.result')).toHaveAttribute(
    'data-outcome',
    'written',
  )
  const yaml = await readFile(join(`${yoloDir}-all`, 'data.yaml'), 'utf8')
  // The run added the classes it found to the project's list; YOLO numbers classes by that list.
  expect(yaml).toMatch(/names:/)
  expect(yaml).toContain('red')
  const labels = await readdir(join(`${yoloDir}-all`, 'labels'), { recursive: true })
  expect(labels.filter((name) => name.endsWith('.txt'))).toHaveLength(keys.length - 1)
  const label = await readFile(join(`${yoloDir}-all`, 'labels', 'img2.txt'), 'utf8')
  expect(label.trim()).toBe('')
})

test('refuses to write into a folder that is not empty, says why, and writes nothing', async ({
  workspace,
  workDir,
}) => {
  const target = join(workDir, 'taken')
  await mkdir(target)
  await writeFile(join(target, 'keep-me.txt'), 'mine')
  const { project } = await openShapesFolder(workspace, workDir, 'few')
  const result = await project.exportAs({ format: 'voc', target, images: 'all' })
  await expect(result).toHaveAttribute('data-outcome', 'refused')
  await expect(workspace.page.getByTestId('export.reasons')).not.toBeEmpty()
  expect(await readdir(target)).toEqual(['keep-me.txt'])

  // Asked to replace it, the export goes through.
  await workspace.page.getByTestId('export.overwrite').check()
  await workspace.page.getByTestId('export.start').click()
  await expect(workspace.page.getByTestId('export.result')).toHaveAttribute(
    'data-outcome',
    'written',
  )
  await workspace.page.getByTestId('export.close').click()
  await expect(workspace.page.getByTestId('export.dialog')).toBeHidden()
})

test('“Save as” set to an existing folder writes the file inside it and says where', async ({
  workspace,
  workDir,
}) => {
  const { project } = await openShapesFolder(workspace, workDir, 'few')
  const out = join(workDir, 'exports')
  await mkdir(out)
  const result = await project.exportAs({ format: 'coco', target: out, images: 'all' })
  await expect(result).toHaveAttribute('data-outcome', 'written')
  // The default name follows the images folder, "few".
  const written = join(out, 'few-coco.json')
  await expect(workspace.page.getByTestId('export.result.path')).toHaveText(written)
  await expect(workspace.page.getByTestId('export.warnings')).toContainText(
    '“Save as” named a folder, so the file was written inside it as few-coco.json.',
  )
  await workspace.page.screenshot({ path: 'test-results/screenshots/export-into-folder.png' })
  const coco = JSON.parse(await readFile(written, 'utf8')) as CocoFile
  expect(validateCoco(coco).ok).toBe(true)
  expect(await readdir(out)).toEqual(['few-coco.json'])
})

test('for the samples, the export is proposed in a folder the user owns, not in the app', async ({
  bridge,
  page,
  workDir,
}) => {
  const welcome = new WelcomePage(page)
  await welcome.openFirstRun(bridge, await defaultOrFreeLocalUrl())
  await page.getByTestId('welcome.samples').click()
  await expect(page.getByText('640 × 480')).toBeVisible()
  await page.getByTestId('export.open').click()
  const target = page.getByTestId('export.target')
  // The test's home has no Documents folder, so the home itself is proposed.
  await expect(target).toHaveValue(join(workDir, 'samples-coco.json'))
  expect(await target.inputValue()).not.toContain(resolve('resources'))
  await page.getByTestId('export.format').selectOption('yolo')
  await expect(target).toHaveValue(join(workDir, 'samples-yolo'))
})
