/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import type { ShapeSpec } from '../support/test-images'
import { expect, test } from './fixtures'
import { ModelsPage } from './pages/models-page'
import { ReviewPage, writeFolder } from './pages/review-page'

const WIDTH = 640
const HEIGHT = 480

/**
 * A dense scene: 9 x 8 small squares 70 x 58 px apart, cyan and magenta. At the fitted zoom
 * (about 1.1 screen px per image px) a "magenta circle 0.93" tag is about 130 px wide, nearly
 * two columns, so whole tags above each box would cover each other.
 */
function denseShapes(): ShapeSpec[] {
  const shapes: ShapeSpec[] = []
  for (let r = 0; r < 8; r++)
    for (let c = 0; c < 9; c++)
      shapes.push({
        colour: (r + c) % 2 === 0 ? 'cyan' : 'magenta',
        x: 8 + c * 70,
        y: 6 + r * 58,
        width: 40,
        height: 34,
      })
  return shapes
}

interface ShownLabel {
  id: string
  text: string
  full: string
  x: number
  y: number
  width: number
  height: number
}

/** The labels the canvas drew among the boxes, in image pixels, from its data attribute. */
async function shownLabels(stage: Locator): Promise<ShownLabel[]> {
  return JSON.parse((await stage.getAttribute('data-labels')) ?? 'null') as ShownLabel[]
}

/** Pairs of labels that share more than rounding (the attribute keeps 0.01 px). */
function overlapping(labels: readonly ShownLabel[]): string[] {
  const pairs: string[] = []
  const slack = 0.02
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!
      const b = labels[j]!
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
      if (w > slack && h > slack) pairs.push(`${a.text} / ${b.text}`)
    }
  return pairs
}

function expectLaidOut(labels: readonly ShownLabel[]): void {
  expect(overlapping(labels)).toEqual([])
  const slack = 0.02
  const outside = labels.filter(
    (l) =>
      l.x < -slack ||
      l.y < -slack ||
      l.x + l.width > WIDTH + slack ||
      l.y + l.height > HEIGHT + slack,
  )
  expect(outside).toEqual([])
  // Each label shows its whole text or a prefix of it with an ellipsis: never a tag cut by its
  // neighbour.
  for (const label of labels)
    if (label.text !== label.full) {
      expect(label.text.endsWith('…'), label.text).toBe(true)
      expect(label.full.startsWith(label.text.slice(0, -1)), label.text).toBe(true)
    }
}

test('lays out the labels of a dense image without overlaps or cut-offs, at any zoom, whole on hover', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  const page = workspace.page
  const shapes = denseShapes()
  const { paths } = await writeFolder(
    join(workDir, 'dense'),
    { 'dense.png': shapes },
    { width: WIDTH, height: HEIGHT },
  )
  await workspace.useServer(emulator.url)
  await models.openImage(paths['dense.png']!)
  await workspace.detect('cyan square, magenta circle')
  await expect(workspace.detectionItems).toHaveCount(shapes.length)

  const stage = models.stage
  await expect.poll(async () => (await shownLabels(stage))?.length ?? 0).toBeGreaterThan(0)
  const fitted = await shownLabels(stage)
  expectLaidOut(fitted)
  // Most boxes keep a label: the layout shortens a label before it hides one.
  expect(fitted.length).toBeGreaterThanOrEqual(shapes.length / 2)
  // The scene is dense enough that some labels had to be shortened (else this test shows little).
  const shortened = fitted.filter((l) => l.text !== l.full)
  expect(shortened.length).toBeGreaterThan(0)

  await mkdir('docs/screenshots', { recursive: true })
  await page.screenshot({ path: 'docs/screenshots/dense-labels.png' })

  // Hovering a box with a shortened label shows its whole label on top.
  const target = shortened[0]!
  const box = (await review.listed()).find((b) => b.id === target.id)!
  const centre = await models.imageToPage({ x: box.x + box.width / 2, y: box.y + box.height / 2 })
  await page.mouse.move(centre.x, centre.y)
  await expect
    .poll(async () => JSON.parse((await stage.getAttribute('data-top-labels')) ?? '[]'))
    .toEqual([{ id: target.id, text: target.full, full: target.full }])

  // Zoomed in, tags keep their screen size, so they take less of the image: laid out again,
  // still without overlaps, and more of them whole.
  await page.mouse.move(5, 5)
  await page.getByTestId('canvas.zoom-in').click()
  await page.getByTestId('canvas.zoom-in').click()
  await expect
    .poll(async () => JSON.stringify(await shownLabels(stage)))
    .not.toBe(JSON.stringify(fitted))
  const zoomed = await shownLabels(stage)
  expectLaidOut(zoomed)
  const whole = (labels: ShownLabel[]) =>
    labels.filter((l) => l.text === l.full).length / labels.length
  expect(whole(zoomed)).toBeGreaterThan(whole(fitted))
})
