import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeShapesImage } from '../support/test-images'
import { expect, test } from './fixtures'

/** Shapes as they appear once EXIF orientation is applied: the space the app must report in. */
const SHAPES = [
  { colour: 'red', x: 40, y: 60, width: 120, height: 80 },
  { colour: 'blue', x: 300, y: 400, width: 90, height: 150 },
  { colour: 'red', x: 250, y: 100, width: 60, height: 60 },
] as const

test('detects Grounding DINO classes on an EXIF-rotated photo and lists the boxes where the shapes are', async ({
  workspace,
  emulator,
  workDir,
}) => {
  // Orientation 6: stored sideways (560 wide x 480 tall on disk), shown 480 x 560 after rotation.
  const { buffer } = await makeShapesImage({
    width: 480,
    height: 560,
    shapes: [...SHAPES],
    format: 'jpeg',
    orientation: 6,
  })
  const path = join(workDir, 'фото с камеры é.jpg')
  await writeFile(path, buffer)

  await workspace.useServer(emulator.url)
  await workspace.openImage(path)
  await expect(workspace.page.getByText('480 × 560')).toBeVisible()
  await workspace.detect('Red Square, blue')

  await expect(workspace.detectionItems).toHaveCount(3)
  const listed = await workspace.listedDetections()
  const sortByX = <T extends { x: number }>(list: T[]) => [...list].sort((a, b) => a.x - b.x)
  const expected = sortByX(
    SHAPES.map((s) => ({ ...s, className: s.colour === 'red' ? 'Red Square' : 'blue' })),
  )
  const actual = sortByX(listed)
  for (const [i, shape] of expected.entries()) {
    const box = actual[i]!
    expect(box.className).toBe(shape.className)
    expect(Math.abs(box.x - shape.x)).toBeLessThanOrEqual(2)
    expect(Math.abs(box.y - shape.y)).toBeLessThanOrEqual(2)
    expect(Math.abs(box.width - shape.width)).toBeLessThanOrEqual(2)
    expect(Math.abs(box.height - shape.height)).toBeLessThanOrEqual(2)
  }
  // The user typed "Red Square"; the server was sent a prompt it cannot choke on (§1.4).
  const sent = emulator.stats.lastRequest?.body as { text: string[] }
  expect(sent.text).toContain('red square')
  await expect(workspace.errorBar).toHaveCount(0)
})

test('shows a clear message, not a frozen window, when the server cannot be reached', async ({
  workspace,
  workDir,
}) => {
  const { buffer } = await makeShapesImage({ width: 200, height: 100, shapes: [], format: 'png' })
  const path = join(workDir, 'plain.png')
  await writeFile(path, buffer)
  await workspace.useServer('http://127.0.0.1:9')
  await workspace.openImage(path)
  await workspace.detect('dog')
  await expect(workspace.errorBar).toHaveAttribute('data-code', 'unreachable', { timeout: 20_000 })
  await expect(workspace.errorBar).toContainText('127.0.0.1:9')
  await expect(workspace.page.getByTestId('detection.run')).toBeEnabled()
})

test('says the API key was rejected when the server refuses it, and never shows the key', async ({
  workspace,
  emulator,
  workDir,
}) => {
  emulator.setOptions({ apiKey: 'the-right-key' })
  const { buffer } = await makeShapesImage({
    width: 200,
    height: 100,
    shapes: [{ colour: 'green', x: 10, y: 10, width: 30, height: 30 }],
    format: 'png',
  })
  const path = join(workDir, 'green.png')
  await writeFile(path, buffer)
  await workspace.useServer(emulator.url)
  await workspace.setApiKey('a-wrong-key-123')
  await expect(workspace.page.getByTestId('server.api-key')).toHaveValue('')
  await workspace.openImage(path)
  await workspace.detect('green')
  await expect(workspace.errorBar).toHaveAttribute('data-code', 'auth-invalid')
  await expect(workspace.page.locator('body')).not.toContainText('a-wrong-key-123')

  await workspace.setApiKey('the-right-key')
  await workspace.page.getByTestId('detection.run').click()
  await expect(workspace.detectionItems).toHaveCount(1)
})
