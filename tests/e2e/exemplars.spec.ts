import { expect, test } from './fixtures'
import { ModelsPage } from './pages/models-page'
import { openShapesFolder } from './pages/project-page'
import { ReviewPage } from './pages/review-page'
import { guideScreenshot } from './pages/welcome-page'
import type { WorkspacePage } from './pages/workspace-page'

/** Whether the keyboard focus is inside the add dialog. */
const focusInOffer = (models: ModelsPage) =>
  models.page.evaluate(
    () => document.activeElement?.closest('[data-testid="owlv2.offer"]') !== null,
  )

/**
 * The shapes folder's img2 (red at 26,20 60×50 and blue at 180,120 70×80), run with Grounding
 * DINO "red, blue", the red box accepted and the blue one rejected; then OwlV2 is chosen.
 */
async function reviewImg2(workspace: WorkspacePage, serverUrl: string, workDir: string) {
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  await workspace.useServer(serverUrl)
  const { project } = await openShapesFolder(workspace, workDir)
  await project.item('img2.png').click()
  await project.expectSelected('img2.png')
  await workspace.page.getByTestId('prompt.classes').fill('red, blue')
  await models.detect()
  await expect(review.items).toHaveCount(2)
  const listed = await review.listed()
  const red = listed.find((b) => b.className === 'red')!
  const blue = listed.find((b) => b.className === 'blue')!
  await review.item(red.id).getByTestId('boxes.item.accept').click()
  await review.item(blue.id).getByTestId('boxes.item.reject').click()
  await expect(review.item(blue.id)).toHaveAttribute('data-state', 'rejected')
  await review.saved()
  await models.choose('owlv2')
  await models.openBuilder()
  return { models, review, project }
}

test('"Add it with its boxes" shows the examples and the counter-example, and adds only what stays ticked', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const { models, project } = await reviewImg2(workspace, emulator.url, workDir)
  const page = models.page
  const confirm = models.offer.getByTestId('owlv2.offer.confirm')
  const warning = models.offer.getByTestId('owlv2.offer.warning')

  await expect(page.getByTestId('owlv2.add-current-boxes')).toHaveText('+ Add it with its 2 boxes…')
  await models.offerCurrentBoxes()
  await expect(page.getByRole('dialog', { name: 'Add img2.png with its boxes' })).toBeVisible()
  // The accepted red box is an example; the rejected blue one a counter-example, said so.
  await expect(models.offerItem('red', false)).toHaveCount(1)
  await expect(models.offerItem('blue', true)).toHaveCount(1)
  await expect(models.offer).toContainText('boxes you rejected here teach OwlV2 what is NOT')
  await expect(confirm).toHaveText('Add 1 example and 1 counter-example')
  await expect(confirm).toBeFocused()
  // Blue would be a class with only counter-examples: the dialog says what that means and the fix.
  await expect(warning).toHaveAttribute('data-class', 'blue')
  await expect(warning).toContainText('"blue" would have only counter-examples')
  await expect(warning).toContainText(/untick its counter-examples/i)
  await guideScreenshot(page, 'exemplar-add-dialog')

  // Tab goes round the dialog's controls (two ticks, Cancel, Add) and never leaves it.
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab')
    expect(await focusInOffer(models)).toBe(true)
  }
  // Nothing was added while the dialog was open.
  await expect(models.references).toHaveCount(0)

  await models.offerItem('blue', true).getByTestId('owlv2.offer.tick').uncheck()
  await expect(confirm).toHaveText('Add 1 example')
  await expect(warning).toHaveCount(0)
  // Enter on a tick box confirms, as on the button.
  await models.offerItem('red', false).getByTestId('owlv2.offer.tick').focus()
  await page.keyboard.press('Enter')
  await expect(models.offer).toBeHidden()
  await expect(models.references).toHaveCount(1)
  expect(await models.listedExemplars()).toEqual([
    { className: 'red', negative: false, x: 26, y: 20, width: 60, height: 50 },
  ])

  await models.closeBuilder()
  await expect(page.getByTestId('detection.blocker')).toHaveCount(0)
  await project.item('img4.png').click()
  await project.expectSelected('img4.png')
  await models.detect()
  const found = await workspace.listedDetections()
  expect(found.map((b) => b.className)).toEqual(['red'])
  await expect(workspace.errorBar).toHaveCount(0)
})

test('a class with only counter-examples blocks Detect with its name and a fix that works', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const { models } = await reviewImg2(workspace, emulator.url, workDir)
  const page = models.page
  const blocker = page.getByTestId('detection.blocker')

  // Esc cancels: nothing is added.
  await models.offerCurrentBoxes()
  await page.keyboard.press('Escape')
  await expect(models.offer).toBeHidden()
  await expect(page.getByTestId('owlv2.builder')).toBeVisible()
  await expect(models.references).toHaveCount(0)

  // Enter adds everything ticked, the counter-example of blue included.
  await models.offerCurrentBoxes()
  await page.keyboard.press('Enter')
  await expect(models.offer).toBeHidden()
  const added = await models.listedExemplars()
  expect(added.map((b) => [b.className, b.negative]).sort()).toEqual([
    ['blue', true],
    ['red', false],
  ])
  await models.closeBuilder()

  await expect(page.getByTestId('detection.run')).toBeDisabled()
  await expect(blocker).toContainText('"blue" has only counter-examples')
  await expect(page.getByTestId('owlv2.fix')).toHaveAttribute('data-class', 'blue')
  await new ReviewPage(models).screenshot('owlv2-counter-only-blocker.png')

  // "Show them" opens the builder on img2 with blue's counter-example selected, ready for an example.
  await page.getByTestId('owlv2.fix.show').click()
  await expect(page.getByTestId('owlv2.builder')).toBeVisible()
  const selected = page.locator('[data-testid="owlv2.box"][aria-selected="true"]')
  await expect(selected).toHaveCount(1)
  await expect(selected).toHaveAttribute('data-class', 'blue')
  await expect(selected).toHaveAttribute('data-negative', 'true')
  await expect(page.getByTestId('owlv2.class')).toHaveValue('blue')
  await expect(page.getByTestId('owlv2.negative')).not.toBeChecked()
  await models.closeBuilder()

  // "Remove" takes blue's counter-examples out; Detect runs again.
  await page.getByTestId('owlv2.fix.remove').click()
  await expect(blocker).toHaveCount(0)
  await expect(page.getByTestId('owlv2.summary')).toHaveText('1 box on 1 image')
  await models.detect()
  await expect(workspace.errorBar).toHaveCount(0)
})

test('a re-run that finds only boxes already decided says so', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  const summary = models.page.getByTestId('detections.summary')
  await workspace.useServer(emulator.url)
  const { project } = await openShapesFolder(workspace, workDir)
  await project.item('img1.png').click()
  await project.expectSelected('img1.png')
  await models.page.getByTestId('prompt.classes').fill('red')
  await models.detect()
  // img1 has one red shape: a new suggestion.
  await expect(summary).toHaveText(/^Last run: 1 box · 1 class/)
  const [box] = await review.listed()
  await review.item(box!.id).getByTestId('boxes.item.accept').click()

  await models.detect()
  // The same shape again: it matches the accepted box, so the list gains nothing, and says why.
  await expect(review.items).toHaveCount(1)
  await expect(review.item(box!.id)).toHaveAttribute('data-state', 'accepted')
  await expect(summary).toHaveText(/^Last run: 1 box, already kept · 1 class/)

  await review.item(box!.id).getByTestId('boxes.item.reject').click()
  await models.detect()
  await expect(review.item(box!.id)).toHaveAttribute('data-state', 'rejected')
  await expect(summary).toHaveText(/^Last run: 1 box you had rejected · 1 class/)
})
