import { join } from 'node:path'
import { expect, test } from './fixtures'
import { ModelsPage } from './pages/models-page'
import { expectNear, ReviewPage, writeFolder } from './pages/review-page'

test('draws, moves, resizes, nudges, deletes, copies and undoes boxes, and main keeps them across a reload', async ({
  workspace,
  workDir,
}) => {
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  const page = workspace.page
  const { paths } = await writeFolder(join(workDir, 'street'), {
    'street.png': [
      { colour: 'red', x: 50, y: 40, width: 100, height: 80 },
      { colour: 'blue', x: 200, y: 150, width: 100, height: 70 },
    ],
  })
  await models.openImage(paths['street.png']!)
  await expect(review.list).toHaveAttribute('data-key', 'street.png')
  await expect(review.list).not.toHaveAttribute('data-project', '')

  await page.getByTestId('classes.new').fill('car')
  await page.getByTestId('classes.new').press('Enter')
  await page.getByTestId('classes.new').fill('person')
  await page.getByTestId('classes.new').press('Enter')
  await page.getByTestId('classes.item').first().click()
  await expect(page.getByTestId('classes.item').first()).toHaveAttribute('aria-pressed', 'true')

  // R keeps the draw tool on for several boxes, whichever way the drag goes.
  await models.stage.focus()
  await page.keyboard.press('r')
  await expect(models.stage).toHaveAttribute('data-tool', 'draw')
  // Each drawn box asks for its class; Enter keeps the one picked beside the Draw tool.
  const picker = page.getByTestId('label-picker')
  await review.drag({ x: 50, y: 40 }, { x: 150, y: 120 })
  await expect(picker.locator('[aria-selected="true"]')).toHaveAttribute('data-class', 'car')
  await page.keyboard.press('Enter')
  await review.drag({ x: 300, y: 220 }, { x: 200, y: 150 })
  await page.keyboard.press('Enter')
  await expect(picker).toHaveCount(0)
  await expect(review.items).toHaveCount(2)
  const [first, second] = await review.listed()
  expectNear(first!, { x: 50, y: 40, width: 100, height: 80 })
  expectNear(second!, { x: 200, y: 150, width: 100, height: 70 })
  expect(first).toMatchObject({ className: 'car', source: 'user', state: 'accepted' })
  await page.keyboard.press('Escape')
  await expect(models.stage).toHaveAttribute('data-tool', 'select')

  // Move the first box, then drag its bottom-right handle.
  const box = async () => (await review.listed()).find((b) => b.id === first!.id)!
  const start = await box()
  await review.drag({ x: start.x + 50, y: start.y + 40 }, { x: start.x + 70, y: start.y + 50 })
  const moved = await box()
  expectNear(moved, { ...start, x: start.x + 20, y: start.y + 10 })
  const corner = { x: moved.x + moved.width, y: moved.y + moved.height }
  await review.drag(corner, { x: corner.x + 20, y: corner.y + 20 })
  const resized = await box()
  expectNear(resized, { ...moved, width: moved.width + 20, height: moved.height + 20 })

  // Keyboard nudges (Shift: 10 px) and single-edge moves, exact to the pixel.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Alt+ArrowRight')
  await page.keyboard.press('Control+ArrowLeft')
  await expect.poll(box).toMatchObject({
    x: resized.x + 3 - 1,
    y: resized.y + 10,
    width: resized.width + 2,
    height: resized.height,
  })
  const nudged = await box()

  // Delete the second box (click selects it).
  await review.drag(
    { x: second!.x + 50, y: second!.y + 35 },
    { x: second!.x + 50, y: second!.y + 35 },
  )
  await page.keyboard.press('Delete')
  await expect(review.items).toHaveCount(1)

  // Copy, paste (offset so it shows), duplicate; undo and redo them.
  await review.item(first!.id).click()
  await page.keyboard.press('Control+c')
  await page.keyboard.press('Control+v')
  await expect(review.items).toHaveCount(2)
  const pasted = (await review.listed())[1]!
  expect(pasted).toMatchObject({ x: nudged.x + 10, y: nudged.y + 10, state: 'accepted' })
  await page.keyboard.press('Control+d')
  await expect(review.items).toHaveCount(3)
  await page.keyboard.press('Control+z')
  await page.keyboard.press('Control+z')
  await expect(review.items).toHaveCount(1)
  await page.keyboard.press('Control+Shift+z')
  await expect(review.items).toHaveCount(2)
  await page.keyboard.press('Control+y')
  await expect(review.items).toHaveCount(3)
  await page.keyboard.press('Control+z')
  await expect(review.items).toHaveCount(2)

  // A digit relabels the selected box.
  await review.item(first!.id).click()
  await page.keyboard.press('2')
  await expect(review.item(first!.id)).toHaveAttribute('data-class', 'person')

  const before = await review.listed()
  await review.saved()
  await page.reload()
  await expect(review.list).toHaveAttribute('data-key', 'street.png')
  await expect(review.items).toHaveCount(2)
  expect(await review.listed()).toEqual(before)
  await expect(page.getByText('Loading image…')).toHaveCount(0)
  await review.screenshot('workspace.png')
})
