import { join } from 'node:path'
import { expect, test } from './fixtures'
import { LabPage } from './pages/lab-page'
import { ProjectPage } from './pages/project-page'
import { writeFolder } from './pages/review-page'
import type { WorkspacePage } from './pages/workspace-page'

/** Each image has a red and a blue shape the emulator finds; only the first three get reviewed. */
const FOLDER = {
  'a.png': [
    { colour: 'red' as const, x: 30, y: 40, width: 80, height: 60 },
    { colour: 'blue' as const, x: 220, y: 120, width: 70, height: 70 },
  ],
  'b.png': [
    { colour: 'red' as const, x: 200, y: 30, width: 90, height: 70 },
    { colour: 'blue' as const, x: 40, y: 150, width: 60, height: 60 },
  ],
  'c.png': [
    { colour: 'red' as const, x: 150, y: 100, width: 70, height: 50 },
    { colour: 'blue' as const, x: 20, y: 20, width: 50, height: 80 },
  ],
  'd.png': [
    { colour: 'red' as const, x: 60, y: 60, width: 60, height: 60 },
    { colour: 'blue' as const, x: 250, y: 60, width: 60, height: 60 },
  ],
}
const REVIEWED = ['a.png', 'b.png', 'c.png']

/** Opens FOLDER and reviews `keys`: Grounding DINO's "red, blue" suggestions accepted, as the truth. */
async function reviewedFolder(
  workspace: WorkspacePage,
  serverUrl: string,
  workDir: string,
  keys: readonly string[],
): Promise<ProjectPage> {
  const page = workspace.page
  await workspace.useServer(serverUrl)
  const { dir } = await writeFolder(join(workDir, 'shapes'), FOLDER)
  const project = new ProjectPage(workspace)
  await project.openFolder(dir)
  await page.getByTestId('prompt.classes').fill('red, blue')
  for (const key of keys) {
    await project.item(key).click()
    await project.expectSelected(key)
    await page.getByTestId('detection.run').click()
    await expect(page.getByTestId('boxes.item')).toHaveCount(2, { timeout: 20_000 })
    await page.getByTestId('review.accept-above').click()
    await expect(page.getByTestId('boxes.list')).toHaveAttribute('data-saved', 'true')
    await expect(project.item(key)).toHaveAttribute('data-status', 'reviewed')
  }
  return project
}

test('measures two prompts against the reviewed images, shows the better one, and runs it on the folder', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const page = workspace.page
  // Review a few images: the model's suggestions accepted, so their boxes are the truth.
  const project = await reviewedFolder(workspace, emulator.url, workDir, REVIEWED)

  // Two candidates: the class list that found them, and one that forgets blue.
  const lab = new LabPage(page)
  await lab.open()
  expect(await lab.truthImages()).toBe(REVIEWED.length)
  const good = await lab.saveCurrentPrompt('red and blue')
  await lab.dialog.getByTestId('lab.close').click()
  await page.getByTestId('prompt.classes').fill('red')
  await lab.open()
  const redOnly = await lab.saveCurrentPrompt('red only')
  await lab.run()
  // Six answers: two candidates on three images.
  await expect(lab.progress).toHaveAttribute('data-total', '6')
  await expect(lab.progress).toHaveAttribute('data-failed', '0')

  // The table: the full class list finds all six boxes, "red only" misses the three blue ones.
  await expect(lab.table).toHaveAttribute('data-leader', good)
  expect(await lab.value(good, 'tp')).toBe(6)
  expect(await lab.value(redOnly, 'fn')).toBe(3)
  for (const column of ['recall', 'f1', 'ap50'] as const)
    await expect(lab.cell(good, column)).toHaveAttribute('data-best', 'true')
  await expect(lab.cell(redOnly, 'f1')).toHaveAttribute('data-best', 'false')
  await lab.showClasses(redOnly)
  await expect(lab.cell(redOnly, 'recall', 'blue')).toHaveAttribute('data-value', '0')

  // The curve of blue: the good prompt reaches full recall, the other never leaves 0.
  await lab.showCurves('blue')
  await expect(lab.curve('pr', good)).toHaveAttribute('data-max-recall', '1')
  await expect(lab.curve('pr', redOnly)).toHaveAttribute('data-max-recall', '0')
  await expect(lab.curve('f1', good).getByTestId('lab.best-marker')).toHaveCount(1)
  await page.screenshot({ path: 'docs/screenshots/lab-curves.png' })

  // A miss of "red only", opened from the gallery: the image on the canvas beside the truth.
  const misses = await lab.showGallery(redOnly, 'misses')
  await expect(misses).toHaveCount(3)
  await expect(misses.first()).toHaveAttribute('data-class', 'blue')
  await page.screenshot({ path: 'docs/screenshots/lab-gallery.png' })
  const missed = (await misses.first().getAttribute('data-key')) ?? ''
  await misses.first().getByTestId('lab.gallery.open').click()
  await expect(lab.dialog).toBeHidden()
  await expect(lab.compare).toHaveAttribute('data-key', missed)
  await project.expectSelected(missed)
  await expect(page.getByTestId('lab.compare.legend')).toBeVisible()
  // The candidate's boxes there: the red shape only (the truth has red and blue).
  await expect
    .poll(() => lab.overlay())
    .toEqual([{ className: 'red', confidence: expect.any(Number) }])
  await expect(page.getByTestId('boxes.item')).toHaveCount(2)
  await page.screenshot({ path: 'docs/screenshots/lab-compare.png' })
  await page.getByTestId('lab.compare.back').click()
  await expect(lab.dialog).toBeVisible()
  await expect(lab.compare).toHaveCount(0)

  // Use the winner: the model panel gets its classes back, the review its per-class cuts.
  const applied = await lab.use(good)
  await expect(applied).toContainText('Model: Grounding DINO (classes red, blue)')
  await expect(applied).toContainText('Review cuts: red')
  await expect(page.getByTestId('prompt.classes')).toHaveValue('red, blue')

  // And run it on the folder: the image never reviewed gets its suggestions.
  await page.getByTestId('lab.run-folder').click()
  await expect(lab.dialog).toBeHidden()
  await project.waitForRunEnd()
  await expect(project.item('d.png')).toHaveAttribute('data-status', 'suggested')
})

test('says when the lab and a batch share the server', async ({ workspace, emulator, workDir }) => {
  const page = workspace.page
  const project = await reviewedFolder(workspace, emulator.url, workDir, ['a.png'])
  const lab = new LabPage(page)
  await lab.open()
  await lab.saveCurrentPrompt('red and blue')
  await expect(page.getByTestId('lab.batch-running')).toHaveCount(0)
  await lab.dialog.getByTestId('lab.close').click()

  // A slow server, so both runs are still going when they are looked at.
  emulator.setOptions({ slots: 1, serviceTimeMs: 3_000 })
  await project.runAll({ scope: 'all', concurrency: 1 })
  await page.getByTestId('batch.pause').click()
  await expect(project.progress).toHaveAttribute('data-state', 'paused')
  await lab.open()
  await expect(page.getByTestId('lab.batch-running')).toContainText(
    'A batch on this folder is paused: the lab shares the server with it once it resumes.',
  )

  // The lab's run, seen from the workspace while it goes.
  await page.getByTestId('lab.run').click()
  await expect(lab.progress).toHaveAttribute('data-state', 'running')
  await lab.dialog.getByTestId('lab.close').click()
  await expect(page.getByTestId('batch.lab-running')).toContainText(
    'The prompt lab is running on this folder: both share the server, so each goes slower.',
  )
  await page.getByTestId('batch.cancel').click()
  await expect(page.getByTestId('batch.lab-running')).toHaveCount(0, { timeout: 20_000 })
})
