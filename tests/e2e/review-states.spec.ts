import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ProjectPage } from './pages/project-page'
import { writeFolder } from './pages/review-page'

test('an image where the model found nothing is not reviewed until the labeler confirms it empty', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const page = workspace.page
  await workspace.useServer(emulator.url)
  const { dir } = await writeFolder(join(workDir, 'mixed'), {
    'a-red.png': [{ colour: 'red', x: 40, y: 40, width: 80, height: 60 }],
    'b-blue.png': [{ colour: 'blue', x: 40, y: 40, width: 80, height: 60 }],
    'c-blue.png': [{ colour: 'blue', x: 200, y: 100, width: 60, height: 60 }],
  })
  const project = new ProjectPage(workspace)
  await project.openFolder(dir)
  await page.getByTestId('prompt.classes').fill('red')
  await project.runAll()
  await project.waitForRunEnd()

  // Nothing found on b and c: to check, not reviewed (no green dot), in the run summary too.
  await expect
    .poll(() => project.statuses())
    .toEqual({ 'a-red.png': 'suggested', 'b-blue.png': 'empty', 'c-blue.png': 'empty' })
  const summary = page.getByTestId('batch.summary')
  await expect(summary).toContainText('Nothing found, not checked')
  await expect(summary).not.toContainText('Reviewed')

  // "Next to review" goes to the unchecked empty image too, where the panel says what it is.
  await project.expectSelected('a-red.png')
  await page.getByTestId('review.next-pending').click()
  await project.expectSelected('b-blue.png')
  const status = page.getByTestId('review.image-status')
  await expect(status).toHaveAttribute('data-status', 'empty')
  await expect(status).toContainText('Nothing found here')
  await page.screenshot({ path: 'docs/screenshots/nothing-found.png' })

  // Ctrl+Enter confirms it empty and moves on to the next one to review.
  await page.getByTestId('canvas.stage').focus()
  await page.keyboard.press('Control+Enter')
  await project.expectSelected('c-blue.png')
  await expect(page.getByTestId('review.note')).toContainText('Confirmed empty.')
  await expect.poll(async () => (await project.statuses())['b-blue.png']).toBe('reviewed')

  // "Done" is refused while a suggestion waits; rejecting it counts as looking.
  await page.getByTestId('filmstrip.item').filter({ hasText: 'a-red.png' }).click()
  await project.expectSelected('a-red.png')
  await page.getByTestId('canvas.stage').focus()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('review.note')).toContainText(
    'One suggestion still waits: accept or reject it first.',
  )
  await page.getByTestId('boxes.item.reject').first().click()
  await expect.poll(async () => (await project.statuses())['a-red.png']).toBe('reviewed')

  // The export writes the reviewed images only, unless asked for every image.
  await project.openExport()
  await expect(page.getByTestId('export.images')).toHaveValue('reviewed')
  await expect(page.getByTestId('export.images').locator('option:checked')).toHaveText(
    'Reviewed images only (2)',
  )

  // After a reload the states are as the labeler left them.
  await page.reload()
  await expect
    .poll(() => project.statuses())
    .toEqual({ 'a-red.png': 'reviewed', 'b-blue.png': 'reviewed', 'c-blue.png': 'empty' })
})
