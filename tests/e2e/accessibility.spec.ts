import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import type { Bridge } from '../../src/bridge/server'
import sharp from 'sharp'
import { expect, test } from './fixtures'
import { WelcomePage } from './pages/welcome-page'
import { WorkspacePage } from './pages/workspace-page'

/** Serious and critical axe findings, one line each, so a failure names rule, element and fix. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${v.help}`))
}

/** Share of pixels that differ between two same-size screenshots. */
async function differingShare(a: Buffer, b: Buffer): Promise<number> {
  const [left, right] = await Promise.all(
    [a, b].map((png) => sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })),
  )
  expect(left!.info.width).toBe(right!.info.width)
  let differing = 0
  const pixels = left!.info.width * left!.info.height
  for (let i = 0; i < pixels * 3; i += 3) {
    const delta =
      Math.abs(left!.data[i]! - right!.data[i]!) +
      Math.abs(left!.data[i + 1]! - right!.data[i + 1]!) +
      Math.abs(left!.data[i + 2]! - right!.data[i + 2]!)
    if (delta > 30) differing++
  }
  return differing / pixels
}

/** First run → "Try the samples" → the emulator set in the top bar → boxes on the first sample. */
async function workspaceWithBoxes(page: Page, bridge: Bridge, serverUrl: string) {
  const welcome = new WelcomePage(page)
  await welcome.openFirstRun(bridge)
  await page.getByTestId('welcome.samples').click()
  await expect(page.getByText('640 × 480')).toBeVisible()
  const workspace = new WorkspacePage(page)
  await workspace.useServer(serverUrl)
  await workspace.detect('red square, blue rectangle, yellow circle')
  await expect(workspace.detectionItems).toHaveCount(3)
  return { welcome, workspace }
}

test.describe('themes', () => {
  test('the theme switch changes the rendering, is remembered, and follows the OS', async ({
    bridge,
    page,
    emulator,
  }) => {
    await page.emulateMedia({ colorScheme: 'light' })
    const { welcome } = await workspaceWithBoxes(page, bridge, emulator.url)
    await expect(welcome.theme).toHaveAttribute('data-mode', 'system')
    await expect(welcome.theme).toHaveAttribute('data-effective', 'light')

    await welcome.theme.click()
    await expect(welcome.theme).toHaveAttribute('data-mode', 'light')
    const light = await welcome.screenshot('theme-light')
    await welcome.theme.click()
    await expect(welcome.theme).toHaveAttribute('data-mode', 'dark')
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    const dark = await welcome.screenshot('theme-dark')
    // Most of the window is background or panel, all of which changes colour.
    expect(await differingShare(light, dark)).toBeGreaterThan(0.5)

    await page.reload()
    await expect(welcome.theme).toHaveAttribute('data-mode', 'dark')
    await welcome.theme.click()
    await expect(welcome.theme).toHaveAttribute('data-mode', 'system')
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect(welcome.theme).toHaveAttribute('data-effective', 'dark')
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./)
  })
})

test.describe('accessibility scan (axe-core): no serious or critical violations', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`the welcome view, every tab, ${scheme}`, async ({ bridge, page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      const welcome = new WelcomePage(page)
      await welcome.openFirstRun(bridge)
      await welcome.testLocal('http://127.0.0.1:9')
      if (scheme === 'dark') await welcome.screenshot('welcome-dark')
      expect(await seriousViolations(page)).toEqual([])
      for (const kind of ['dedicated', 'hosted'] as const) {
        await welcome.chooseTab(kind)
        expect(await seriousViolations(page)).toEqual([])
      }
    })

    test(`the workspace with boxes, and the About box, ${scheme}`, async ({
      bridge,
      page,
      emulator,
    }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await workspaceWithBoxes(page, bridge, emulator.url)
      expect(await seriousViolations(page)).toEqual([])
      await page.getByTestId('about.open').click()
      await expect(page.getByTestId('about.dialog')).toBeVisible()
      expect(await seriousViolations(page)).toEqual([])
    })
  }
})

test('the About box of the web build lists the app, browser and Node versions', async ({
  bridge,
  page,
}) => {
  const welcome = new WelcomePage(page)
  await welcome.openFirstRun(bridge)
  await page.getByTestId('about.open').click()
  const versions = page.getByTestId('about.versions')
  await expect(versions).toContainText('Promptlabel')
  await expect(versions).toContainText('e2e')
  await expect(versions).toContainText(
    new RegExp(`Node \\(background service\\)\\s*${process.versions.node.replaceAll('.', '\\.')}`),
  )
  await expect(versions).toContainText(/Browser \(Chromium\)\s*\d+\./)
  // The web build has no Help menu: the About box links the bundled guide.
  const [guide] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByTestId('about.guide').click(),
  ])
  await expect(guide.locator('body')).toContainText('# Promptlabel user guide')
  await guide.close()
  await page.getByTestId('about.close').click()
  await expect(page.getByTestId('about.dialog')).toHaveCount(0)
})
