import { test as base, expect } from '@playwright/test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startBridge, type Bridge } from '../../src/bridge/server'
import { createServices } from '../../src/main/services'
import { createSilentLogger } from '../../src/main/services/platform'
import { createKeychainSecretStore } from '../../src/main/services/secrets/keychain-store'
import { startEmulator, type Emulator } from '../support/emulator'
import { WorkspacePage } from './pages/workspace-page'

interface Fixtures {
  workDir: string
  emulator: Emulator
  bridge: Bridge
  workspace: WorkspacePage
}

/**
 * Every test gets its own emulator, its own data folder and its own bridge over the real services
 * (real sharp, undici, keychain), and a page of the built renderer connected to that bridge.
 */
export const test = base.extend<Fixtures>({
  /** Any error thrown in the page (a Svelte effect loop, an unhandled rejection) fails the test. */
  page: async ({ page }, use) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`))
    await use(page)
    expect(errors, 'errors thrown in the page during the test').toEqual([])
  },
  workDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'promptlabel-e2e-'))
    await use(dir)
    await rm(dir, { recursive: true, force: true })
  },
  emulator: async ({}, use) => {
    const emulator = await startEmulator({ serviceTimeMs: 20, slots: 1 })
    await use(emulator)
    await emulator.close()
  },
  bridge: async ({ workDir }, use, testInfo) => {
    const bridge = await startBridge({
      rendererDir: resolve('out/renderer'),
      createServices: (imageUrl) =>
        createServices({
          transport: 'bridge',
          appVersion: 'e2e',
          dataDir: join(workDir, 'data'),
          secretStore: createKeychainSecretStore(
            `Promptlabel-e2e-${process.pid}-${testInfo.testId}`,
          ),
          imageUrl,
          pickImages: async () => [],
          resourcesDir: resolve('resources'),
          // A home of the test's own (no Documents in it), so proposed export places are known.
          homeDir: workDir,
          logger: createSilentLogger(),
        }),
    })
    await use(bridge)
    await bridge.close()
  },
  workspace: async ({ page, bridge }, use) => {
    const workspace = new WorkspacePage(page)
    await page.goto(bridge.launchUrl)
    await expect(page.getByTestId('profile.select')).toBeVisible()
    await use(workspace)
  },
})

export { expect }
