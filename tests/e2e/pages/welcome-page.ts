/// <reference lib="dom" />
import { mkdir, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import type { Bridge } from '../../../src/bridge/server'

/** Where the e2e run leaves its screenshots: the guide's folder and the test results. */
const SCREENSHOT_DIRS = ['docs/screenshots', 'test-results/screenshots']

/** A port nothing listens on right now (the stand-in container's server will take it). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** The default local URL when nothing listens on 9001 here (shared machines may run one), else a free port's. */
export async function defaultOrFreeLocalUrl(): Promise<string> {
  const server = createServer()
  const free = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(9001, '127.0.0.1', () => resolve(true))
  })
  if (free) await new Promise<void>((resolve) => server.close(() => resolve()))
  return free ? 'http://localhost:9001' : `http://localhost:${await freePort()}`
}

/** The first-run welcome view: three ways to a server, Docker started for the user, the samples. */
export class WelcomePage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('welcome')
  }

  get result(): Locator {
    return this.page.getByTestId('welcome.result')
  }

  get dockerStatus(): Locator {
    return this.page.getByTestId('welcome.docker.status')
  }

  get dockerLog(): Locator {
    return this.page.getByTestId('welcome.docker.log')
  }

  get dockerPhase(): Locator {
    return this.page.getByTestId('welcome.docker.phase')
  }

  get dockerProblem(): Locator {
    return this.page.getByTestId('welcome.docker.problem')
  }

  get theme(): Locator {
    return this.page.getByTestId('theme.toggle')
  }

  /**
   * Points the first-start profile at a server that does not answer (port 9001 may be taken on a
   * shared machine), then opens the app as a first-time user would.
   */
  async openFirstRun(bridge: Bridge, deadUrl?: string): Promise<string> {
    const url = deadUrl ?? `http://localhost:${await freePort()}`
    const saved = await bridge.services.invoke('profile.save', {
      id: 'local',
      profile: { name: 'Local Inference server', kind: 'local', baseUrls: [url] },
    })
    expect(saved.ok).toBe(true)
    await this.page.goto(bridge.launchUrl)
    await expect(this.view).toBeVisible()
    return url
  }

  async chooseTab(kind: 'local' | 'dedicated' | 'hosted'): Promise<void> {
    await this.page.getByTestId(`welcome.tab.${kind}`).click()
    await expect(this.page.getByTestId(`welcome.tab.${kind}`)).toHaveAttribute(
      'aria-selected',
      'true',
    )
  }

  async testLocal(url: string): Promise<Locator> {
    await this.page.getByTestId('welcome.local.url').fill(url)
    await this.page.getByTestId('welcome.local.test').click()
    await expect(this.result).toBeVisible({ timeout: 20_000 })
    return this.result
  }

  /** "Use this server": the profile is saved and activated, and the welcome view makes way. */
  async use(): Promise<void> {
    await this.page.getByTestId('welcome.use').click()
    await expect(this.view).toHaveCount(0)
  }

  /** Drops files on the window the only way a test can: a synthetic drag carrying Files. */
  async dropFiles(names: string[]): Promise<void> {
    await this.page.evaluate((files) => {
      const transfer = new DataTransfer()
      for (const name of files) transfer.items.add(new File(['x'], name, { type: 'image/png' }))
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(
          new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }),
        )
      }
    }, names)
  }

  /** A 1280x800 picture of the window, into the guide's screenshots and the test results. */
  screenshot(name: string): Promise<Buffer> {
    return guideScreenshot(this.page, name)
  }
}

/** A picture of the window, into the guide's screenshots and the test results. */
export async function guideScreenshot(page: Page, name: string): Promise<Buffer> {
  const buffer = await page.screenshot()
  for (const dir of SCREENSHOT_DIRS) {
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, `${name}.png`), buffer)
  }
  return buffer
}
