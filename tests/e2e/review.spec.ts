import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ModelsPage } from './pages/models-page'
import {
  BIG,
  expectNear,
  onShape,
  OWL_FOLDER,
  REF_A_RED,
  REF_B_GREEN,
  REF_B_RED,
  ReviewPage,
  SPECKS,
  writeFolder,
} from './pages/review-page'

test('builds an OwlV2 exemplar set on two references, runs it on a third image and reviews the suggestions', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  const page = workspace.page
  const { paths } = await writeFolder(join(workDir, 'owl'), OWL_FOLDER)
  await workspace.useServer(emulator.url)
  await models.openImage(paths['query.png']!)
  await expect(review.list).toHaveAttribute('data-key', 'query.png')
  await models.choose('owlv2')

  // The exemplar set: an example on each reference, and a counter-example on the second.
  await models.openBuilder()
  await models.addReference('ref-a.png')
  await models.startExamples('red shape')
  await models.drawBox(REF_A_RED)
  await models.addReference('ref-b.png')
  await models.drawBoxReversed(REF_B_RED)
  await models.startExamples('red shape', true)
  await models.drawBox(REF_B_GREEN)
  await page.keyboard.press('Escape')
  await expect(models.exemplarStage).toHaveAttribute('data-tool', 'select')
  const thumbs = page.getByTestId('owlv2.builder').getByTestId('owlv2.exemplar-thumb')
  await expect(thumbs).toHaveCount(2)
  await expect(thumbs.nth(0)).toHaveAttribute('data-boxes', '1')
  await expect(thumbs.nth(1)).toHaveAttribute('data-boxes', '2')
  const drawn = await models.listedExemplars()
  expect(drawn.map((b) => b.negative)).toEqual([false, true])
  expectNear(drawn[0]!, REF_B_RED, 2)
  await review.screenshot('exemplar-builder.png')
  await models.closeBuilder()

  // Run the set on the query image: every red shape, the specks with lower scores.
  await models.detect()
  await expect(review.items).toHaveCount(5)
  const found = await review.listed()
  expect(found.every((b) => b.state === 'suggested' && b.className === 'red shape')).toBe(true)
  const [b1, b2, b3] = BIG.map((shape) => onShape(found, shape))
  for (const speck of SPECKS) expect(onShape(found, speck).confidence).toBeLessThan(0.995)

  // The live cut hides the specks without running again; the histogram line follows it.
  await review.setThreshold(0.995)
  await expect(review.items).toHaveCount(3)
  await expect(page.getByTestId('boxes.hidden-count')).toContainText('2 below')
  await expect(page.getByTestId('review.histogram')).toHaveAttribute('data-threshold', '0.9950')
  await expect(page.getByTestId('review.histogram.line')).toHaveAttribute('data-x', '0.50')

  // Reject one, edit one by dragging its handle, accept the rest above the cut.
  await review.item(b1!.id).getByTestId('boxes.item.reject').click()
  await expect(review.item(b1!.id)).toHaveAttribute('data-state', 'rejected')
  await review.item(b2!.id).click()
  const corner = { x: b2!.x + b2!.width, y: b2!.y + b2!.height }
  await review.drag(corner, { x: corner.x - 10, y: corner.y - 6 })
  await expect(review.item(b2!.id)).toHaveAttribute('data-state', 'edited')
  await page.getByTestId('review.accept-above').click()
  await expect(review.item(b3!.id)).toHaveAttribute('data-state', 'accepted')
  const edited = (await review.listed()).find((b) => b.id === b2!.id)!
  expectNear(edited, { x: b2!.x, y: b2!.y, width: b2!.width - 10, height: b2!.height - 6 })
  await review.screenshot('review-queue.png')

  // Undo the three decisions, then redo them.
  const decided = await review.states()
  for (let i = 0; i < 3; i++) await page.getByTestId('history.undo').click()
  await expect
    .poll(async () => Object.values(await review.states()))
    .toEqual(['suggested', 'suggested', 'suggested'])
  expectNear(
    (await review.listed()).find((b) => b.id === b2!.id)!,
    b2!,
  )
  for (let i = 0; i < 3; i++) await page.getByTestId('history.redo').click()
  await expect.poll(() => review.states()).toEqual(decided)
  expectNear(
    (await review.listed()).find((b) => b.id === b2!.id)!,
    edited,
  )

  // Accept across the folder at a lower cut, after a confirmation that names the images.
  await review.setThreshold(0.99)
  await expect(review.items).toHaveCount(5)
  await review.saved()
  await page.getByTestId('review.accept-above-folder').click()
  await expect(page.getByTestId('review.confirm.images')).toHaveText('1')
  await page.getByTestId('review.confirm.yes').click()
  await expect(page.getByTestId('review.note')).toHaveText('Accepted 2 in 1 image.')
  for (const speck of SPECKS) {
    await expect(page.locator(`[data-testid="boxes.item"][data-x="${speck.x}"]`)).toHaveAttribute(
      'data-state',
      'accepted',
    )
  }

  // Main holds every decision: a reload shows the same boxes and states.
  const final = await review.listed()
  await review.saved()
  await page.reload()
  await expect(review.list).toHaveAttribute('data-key', 'query.png')
  await expect(review.items).toHaveCount(5)
  expect(await review.listed()).toEqual(final)
  await expect(workspace.errorBar).toHaveCount(0)
})
