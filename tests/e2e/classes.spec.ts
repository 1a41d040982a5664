/// <reference lib="dom" />
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { classColor } from '../../src/renderer/src/core/palette'
import { expect, test } from './fixtures'
import { ModelsPage } from './pages/models-page'
import { openShapesFolder } from './pages/project-page'
import { ReviewPage } from './pages/review-page'

/** The class strip as the labeler reads it: number, name and colour of each chip. */
async function chips(page: Page): Promise<string[]> {
  return page.getByTestId('classes.item').evaluateAll((items) =>
    items.map((item) => {
      const data = (item as HTMLElement).dataset
      return `${data['number']} ${data['class']} ${data['color']}`
    }),
  )
}

/** Colour per class as each view shows it: the box list rows and the review histograms. */
async function shownColours(page: Page, testid: string): Promise<Record<string, string>> {
  const pairs = await page
    .getByTestId(testid)
    .evaluateAll((items) =>
      items.map((item) => [
        (item as HTMLElement).dataset['class'] ?? '',
        (item as HTMLElement).dataset['color'] ?? '',
      ]),
    )
  return Object.fromEntries(pairs)
}

test('a class keeps its number and colour when a class is added, across a reload and in the export', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const page = workspace.page
  await workspace.useServer(emulator.url)
  const { project } = await openShapesFolder(workspace, workDir)
  await page.getByTestId('prompt.classes').fill('red, blue')
  // Not run yet: the prompt's classes are new, with no colour claimed.
  await expect(page.getByTestId('prompt.class-chip').first()).toHaveAttribute('data-color', '')
  await page.getByTestId('filmstrip.item').filter({ hasText: 'img2.png' }).click()
  await project.expectSelected('img2.png')
  await page.getByTestId('detection.run').click()
  await expect(workspace.detectionItems).toHaveCount(2)
  const red = `1 red ${classColor(0)}`
  const blue = `2 blue ${classColor(1)}`
  await expect.poll(() => chips(page)).toEqual([red, blue])

  await page.getByTestId('classes.new').fill('yellow')
  await page.getByTestId('classes.new').press('Enter')
  await expect.poll(() => chips(page)).toEqual([red, blue, `3 yellow ${classColor(2)}`])
  // One colour per class everywhere: chips, box list, histograms, the prompt's chips.
  const expected = { red: classColor(0), blue: classColor(1) }
  expect(await shownColours(page, 'boxes.item')).toEqual(expected)
  expect(await shownColours(page, 'review.class-swatch')).toEqual(expected)
  expect(await shownColours(page, 'prompt.class-chip')).toEqual(expected)

  // 3 means the class numbered 3: the selected box becomes yellow, not blue.
  const firstId = await workspace.detectionItems.first().getAttribute('data-id')
  const first = page.locator(`[data-testid="boxes.item"][data-id="${firstId}"]`)
  const before = await first.getAttribute('data-class')
  await first.getByTestId('boxes.item.select').click()
  await page.keyboard.press('3')
  await expect(first).toHaveAttribute('data-class', 'yellow')
  await page.keyboard.press('Control+z')
  await expect(first).toHaveAttribute('data-class', before!)

  await page.reload()
  await expect(page.getByTestId('project.current')).toContainText('shoot')
  await expect.poll(() => chips(page)).toEqual([red, blue, `3 yellow ${classColor(2)}`])

  const out = join(workDir, 'out')
  await mkdir(out)
  const result = await project.exportAs({
    format: 'coco',
    target: join(out, 'shoot.json'),
    includeSuggested: true,
  })
  await expect(result).toHaveAttribute('data-outcome', 'written')
  const coco = JSON.parse(await readFile(join(out, 'shoot.json'), 'utf8')) as {
    categories: { id: number; name: string }[]
  }
  expect(coco.categories).toEqual([
    expect.objectContaining({ id: 1, name: 'red' }),
    expect.objectContaining({ id: 2, name: 'blue' }),
    expect.objectContaining({ id: 3, name: 'yellow' }),
  ])
})

test('a drawn box asks for its class: type to filter, a digit, Enter; Esc drops it; the next class is shown', async ({
  workspace,
  workDir,
}) => {
  const page = workspace.page
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  const { project } = await openShapesFolder(workspace, workDir)
  await page.getByTestId('filmstrip.item').filter({ hasText: 'img1.png' }).click()
  await project.expectSelected('img1.png')
  for (const name of ['red', 'blue']) {
    await page.getByTestId('classes.new').fill(name)
    await page.getByTestId('classes.new').press('Enter')
  }
  const next = page.getByTestId('toolbar.draw-class')
  await expect(next).toHaveText(/New box:\s*ask/)

  await models.stage.focus()
  await page.keyboard.press('r')
  const picker = page.getByTestId('label-picker')
  await review.drag({ x: 200, y: 20 }, { x: 260, y: 80 })
  await expect(picker).toBeVisible()
  // Nothing is saved while the class is asked.
  await expect(review.items).toHaveCount(0)
  await page.screenshot({ path: 'docs/screenshots/label-picker.png' })
  await page.keyboard.type('yel')
  await expect(page.getByTestId('label-picker.option')).toHaveText([/New class “yel”/])
  await page.keyboard.type('low')
  await page.keyboard.press('Enter')
  await expect(picker).toHaveCount(0)
  await expect(review.items).toHaveCount(1)
  await expect(review.items.first()).toHaveAttribute('data-class', 'yellow')
  await expect
    .poll(() => chips(page))
    .toEqual([`1 red ${classColor(0)}`, `2 blue ${classColor(1)}`, `3 yellow ${classColor(2)}`])

  // A digit picks by the class's number.
  await review.drag({ x: 20, y: 150 }, { x: 80, y: 200 })
  await page.keyboard.press('2')
  await expect(review.items).toHaveCount(2)
  await expect(review.items.nth(1)).toHaveAttribute('data-class', 'blue')

  // Esc drops the box.
  await review.drag({ x: 100, y: 150 }, { x: 150, y: 200 })
  await expect(picker).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(picker).toHaveCount(0)
  await expect(review.items).toHaveCount(2)

  // Every class stays in view: nine chips, then "+N more" that shows the rest, never a hidden scroll.
  for (const name of ['c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c10', 'c11']) {
    await page.getByTestId('classes.new').fill(name)
    await page.getByTestId('classes.new').press('Enter')
  }
  await expect(page.getByTestId('classes.list').getByTestId('classes.item')).toHaveCount(9)
  await page.getByTestId('classes.more').click()
  await expect(page.getByTestId('classes.all').getByTestId('classes.item')).toHaveText([
    /c10/,
    /c11/,
  ])
  // Typing a class in never relabels the selected box (the blue one just drawn).
  await expect(review.items.nth(1)).toHaveAttribute('data-class', 'blue')
  await page.getByTestId('classes.more').click()
  await models.stage.focus()

  // Not asked any more: the class shown beside the Draw tool is the one a box gets.
  await review.drag({ x: 100, y: 150 }, { x: 150, y: 200 })
  await page.getByTestId('label-picker.ask').uncheck()
  await page.getByTestId('label-picker.filter').press('1')
  await expect(next).toHaveText(/New box:\s*red/)
  await review.drag({ x: 160, y: 150 }, { x: 190, y: 200 })
  await expect(picker).toHaveCount(0)
  await expect(review.items).toHaveCount(4)
  await expect(review.items.nth(3)).toHaveAttribute('data-class', 'red')
})

test('the first load requests nothing that fails', async ({ page, bridge }) => {
  const failed: string[] = []
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
  })
  page.on('console', (message) => {
    if (message.type() === 'error') failed.push(message.text())
  })
  await page.goto(bridge.launchUrl)
  await expect(page.getByTestId('profile.select')).toBeVisible()
  // Let late requests (the icon, images, the event stream) settle.
  await page.waitForTimeout(1000)
  expect(failed).toEqual([])
})
