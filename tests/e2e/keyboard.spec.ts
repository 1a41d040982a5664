import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { ModelsPage, type ImageBox } from './pages/models-page'
import {
  BIG,
  onShape,
  OWL_FOLDER,
  REF_A_RED,
  REF_B_GREEN,
  REF_B_RED,
  ReviewPage,
  writeFolder,
} from './pages/review-page'

/** Focuses a control as Tab would, then types into it (no mouse anywhere in this file). */
async function typeInto(page: Page, testid: string, text: string): Promise<void> {
  await page.getByTestId(testid).focus()
  await page.keyboard.press('Control+a')
  await page.keyboard.type(text)
}

async function pressOn(page: Page, testid: string, key: string): Promise<void> {
  await page.getByTestId(testid).focus()
  await page.keyboard.press(key)
}

/** Presses a step key as few times as possible: Shift (10 px) first, then single pixels. */
async function steps(page: Page, key: string, modifier: string, pixels: number): Promise<void> {
  for (let i = 0; i < Math.floor(pixels / 10); i++)
    await page.keyboard.press(`${modifier}Shift+${key}`)
  for (let i = 0; i < pixels % 10; i++) await page.keyboard.press(`${modifier}${key}`)
}

/**
 * Fits the selected box onto `target` with edge keys only: Ctrl+arrows move the left and top
 * edges, Alt+arrows the right and bottom ones; edges grow outward first so they never cross.
 */
async function fitWithKeys(page: Page, current: ImageBox, target: ImageBox): Promise<void> {
  const left = target.x - current.x
  const top = target.y - current.y
  const right = target.x + target.width - (current.x + current.width)
  const bottom = target.y + target.height - (current.y + current.height)
  if (left < 0) await steps(page, 'ArrowLeft', 'Control+', -left)
  if (top < 0) await steps(page, 'ArrowUp', 'Control+', -top)
  if (right > 0) await steps(page, 'ArrowRight', 'Alt+', right)
  if (bottom > 0) await steps(page, 'ArrowDown', 'Alt+', bottom)
  if (left > 0) await steps(page, 'ArrowRight', 'Control+', left)
  if (top > 0) await steps(page, 'ArrowDown', 'Control+', top)
  if (right < 0) await steps(page, 'ArrowLeft', 'Alt+', -right)
  if (bottom < 0) await steps(page, 'ArrowUp', 'Alt+', -bottom)
}

/** R then Enter places a box in the middle of the builder's view; the keys then fit it. */
async function placeExemplar(models: ModelsPage, target: ImageBox): Promise<void> {
  const page = models.page
  const before = await models.exemplarBoxes.count()
  await models.exemplarStage.focus()
  await page.keyboard.press('Enter')
  await expect(models.exemplarBoxes).toHaveCount(before + 1)
  const placed = (await models.listedExemplars()).at(-1)!
  await fitWithKeys(page, placed, target)
  await expect
    .poll(async () => (await models.listedExemplars()).at(-1))
    .toMatchObject({ ...target })
}

test('builds the exemplar set, runs it and reviews the suggestions with the keyboard only', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const page = workspace.page
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  const { paths } = await writeFolder(join(workDir, 'owl-keys'), OWL_FOLDER)

  // While the welcome view shows, the top bar folds its server row into one line: Enter unfolds it.
  const compact = page.getByTestId('server.compact')
  await expect(page.getByTestId('server.url').or(compact)).toBeVisible()
  if (await compact.isVisible()) await pressOn(page, 'server.expand', 'Enter')
  await typeInto(page, 'server.url', emulator.url)
  await pressOn(page, 'server.save', 'Enter')
  await typeInto(page, 'image.path', paths['query.png']!)
  await page.keyboard.press('Enter')
  await expect(review.list).toHaveAttribute('data-key', 'query.png')
  // Type-ahead picks "OwlV2" in the focused model list.
  await pressOn(page, 'model.kind', 'o')
  await expect(page.getByTestId('model.editor')).toHaveAttribute('data-kind', 'owlv2')

  // The builder: references by name, boxes placed with Enter and fitted with edge keys.
  await pressOn(page, 'owlv2.edit-set', 'Enter')
  await typeInto(page, 'owlv2.add-path', 'ref-a.png')
  await page.keyboard.press('Enter')
  await expect(models.references).toHaveCount(1)
  await typeInto(page, 'owlv2.class', 'red shape')
  await models.exemplarStage.focus()
  await page.keyboard.press('r')
  await expect(models.exemplarStage).toHaveAttribute('data-tool', 'draw')
  await placeExemplar(models, {
    x: REF_A_RED.x,
    y: REF_A_RED.y,
    width: REF_A_RED.width,
    height: REF_A_RED.height,
  })
  await typeInto(page, 'owlv2.add-path', 'ref-b.png')
  await page.keyboard.press('Enter')
  await expect(models.references).toHaveCount(2)
  await placeExemplar(models, {
    x: REF_B_RED.x,
    y: REF_B_RED.y,
    width: REF_B_RED.width,
    height: REF_B_RED.height,
  })
  await pressOn(page, 'owlv2.negative', ' ')
  await expect(page.getByTestId('owlv2.negative')).toBeChecked()
  await placeExemplar(models, {
    x: REF_B_GREEN.x,
    y: REF_B_GREEN.y,
    width: REF_B_GREEN.width,
    height: REF_B_GREEN.height,
  })
  expect((await models.listedExemplars()).map((b) => b.negative)).toEqual([false, true])
  // Esc stops drawing, then clears the selection, then closes the builder.
  await models.exemplarStage.focus()
  await page.keyboard.press('Escape')
  await expect(models.exemplarStage).toHaveAttribute('data-tool', 'select')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('owlv2.builder')).toBeHidden()

  // I runs the model on this image.
  await models.stage.focus()
  await page.keyboard.press('i')
  await expect(review.items).toHaveCount(5, { timeout: 20_000 })
  const found = await review.listed()
  const big = BIG.map((shape) => onShape(found, shape).id)

  await typeInto(page, 'review.threshold-value', '0.995')
  await page.keyboard.press('Tab')
  await expect(review.items).toHaveCount(3)

  // Enter focuses the first suggestion; Backspace rejects it and moves on; Alt+arrows edit the next.
  await models.stage.focus()
  await page.keyboard.press('Enter')
  const first = await review.selected.getAttribute('data-id')
  await page.keyboard.press('Backspace')
  await expect(review.item(first!)).toHaveAttribute('data-state', 'rejected')
  const second = await review.selected.getAttribute('data-id')
  expect(second).not.toBe(first)
  const before = (await review.listed()).find((b) => b.id === second)!
  for (let i = 0; i < 5; i++) await page.keyboard.press('Alt+ArrowLeft')
  await expect(review.item(second!)).toHaveAttribute('data-state', 'edited')
  await expect(review.item(second!)).toHaveAttribute('data-width', String(before.width - 5))
  // Enter accepts the focused suggestion and moves on.
  const third = big.find((id) => id !== first && id !== second)!
  await review.focusItem(third)
  await page.keyboard.press('Enter')
  await expect(review.item(third)).toHaveAttribute('data-state', 'accepted')
  const decided = await review.states()

  // Undo the three decisions, redo them.
  await models.stage.focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z')
  await expect
    .poll(async () => Object.values(await review.states()))
    .toEqual(['suggested', 'suggested', 'suggested'])
  await expect(review.item(second!)).toHaveAttribute('data-width', String(before.width))
  for (let i = 0; i < 2; i++) await page.keyboard.press('Control+Shift+z')
  await page.keyboard.press('Control+y')
  await expect.poll(() => review.states()).toEqual(decided)

  // Tab cycles boxes on the canvas; H hides them; ? lists every key.
  await page.keyboard.press('Tab')
  await expect(review.selected).toHaveCount(1)
  await expect(models.stage).toBeFocused()
  await page.keyboard.press('h')
  await expect(page.getByTestId('canvas.hidden-note')).toBeVisible()
  await page.keyboard.press('h')
  await expect(page.getByTestId('canvas.hidden-note')).toHaveCount(0)
  await page.keyboard.press('?')
  await expect(page.getByTestId('help.cheatsheet')).toBeVisible()
  await expect(page.getByTestId('help.cheatsheet')).toContainText('Accept the selected suggestion')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('help.cheatsheet')).toBeHidden()

  // No shortcut fires while typing in a field.
  await typeInto(page, 'classes.new', 'rhd')
  await expect(models.stage).toHaveAttribute('data-tool', 'select')
  await expect(page.getByTestId('canvas.hidden-note')).toHaveCount(0)
  await expect(page.getByTestId('classes.new')).toHaveValue('rhd')
})
