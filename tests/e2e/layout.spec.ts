/// <reference lib="dom" />
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge } from '../../src/bridge/server'
import { createServices } from '../../src/main/services'
import { createSilentLogger } from '../../src/main/services/platform'
import {
  createMemorySecretStore,
  type SecretStore,
} from '../../src/main/services/secrets/secret-store'
import { expect, test } from './fixtures'
import { ModelsPage } from './pages/models-page'
import { ProjectPage } from './pages/project-page'
import { ReviewPage, writeFolder } from './pages/review-page'

const NO_BUS =
  'No desktop session bus is running, so the keychain cannot be reached. Start a desktop session.'

/** The OS as a machine without a usable keychain presents it (the edge a platform supplies). */
function keychainThatCannotBeUsed(): SecretStore {
  return { ...createMemorySecretStore(), kind: 'keychain', probe: async () => NO_BUS }
}

test('the keychain warning folds into a sign by the key field once read, and stays folded', async ({
  page,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'promptlabel-e2e-nokeychain-'))
  const bridge = await startBridge({
    rendererDir: resolve('out/renderer'),
    createServices: (imageUrl) =>
      createServices({
        transport: 'bridge',
        appVersion: 'e2e',
        dataDir: join(dir, 'data'),
        secretStore: keychainThatCannotBeUsed(),
        imageUrl,
        pickImages: async () => [],
        resourcesDir: resolve('resources'),
        logger: createSilentLogger(),
      }),
  })
  try {
    await page.goto(bridge.launchUrl)
    const notice = page.getByTestId('server.keychain-problem')
    await expect(notice).toContainText(NO_BUS)
    await page.getByTestId('server.keychain-fold').click()
    await expect(notice).toHaveCount(0)
    const sign = page.getByTestId('server.keychain-sign')
    await expect(sign).toBeVisible()
    // One line by the key field, not a band across every screen.
    const box = (await sign.boundingBox())!
    expect(box.height).toBeLessThan(32)
    await page.reload()
    await expect(sign).toBeVisible()
    await expect(notice).toHaveCount(0)
    await sign.click()
    await expect(notice).toBeVisible()
  } finally {
    await bridge.close()
    await rm(dir, { recursive: true, force: true })
  }
})

test('at 1280x800 the image name shows whole, the boxes list starts on screen, and undo speaks by the canvas', async ({
  workspace,
  emulator,
  workDir,
}) => {
  const page = workspace.page
  const models = new ModelsPage(workspace)
  const review = new ReviewPage(models)
  await workspace.useServer(emulator.url)
  const { dir } = await writeFolder(join(workDir, 'long-names'), {
    'shapes-04-dense.png': Array.from({ length: 6 }, (_, i) => ({
      colour: (i % 2 ? 'red' : 'blue') as 'red' | 'blue',
      x: 20 + i * 60,
      y: 40,
      width: 40,
      height: 40,
    })),
  })
  const project = new ProjectPage(workspace)
  await project.openFolder(dir)
  await project.expectSelected('shapes-04-dense.png')
  await workspace.detect('red, blue')
  await expect(workspace.detectionItems).toHaveCount(6)

  const name = page.getByTestId('image.info').locator('.name')
  await expect(name).toHaveText('shapes-04-dense.png')
  expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  await expect(name).toHaveAttribute('title', /shapes-04-dense\.png/)

  const first = (await workspace.detectionItems.first().boundingBox())!
  expect(first.y + first.height).toBeLessThanOrEqual(800)
  await page.screenshot({ path: 'test-results/screenshots/layout-1280.png' })

  // Undo and redo say what they did at the foot of the canvas, not inside the review panel.
  await models.stage.focus()
  await page.keyboard.press('r')
  await review.drag({ x: 300, y: 150 }, { x: 360, y: 220 })
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+z')
  await expect(page.getByTestId('canvas.history-note')).toHaveText('Undid: Draw box')
  await expect(page.getByTestId('review.panel')).not.toContainText('Undid')
})
