/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeShapesImage } from '../../support/test-images'
import type { WorkspacePage } from './workspace-page'

export interface ExportForm {
  format: 'coco' | 'yolo' | 'voc' | 'annotated'
  target: string
  includeSuggested?: boolean
  zeroBased?: boolean
  images?: 'reviewed' | 'all'
}

/** The project side of the window: folder bar, filmstrip, batch panel, run summary, export dialog. */
export class ProjectPage {
  readonly page: Page

  constructor(readonly workspace: WorkspacePage) {
    this.page = workspace.page
  }

  get filmstrip(): Locator {
    return this.page.getByTestId('filmstrip.list')
  }

  get items(): Locator {
    return this.page.getByTestId('filmstrip.item')
  }

  get selected(): Locator {
    return this.page.locator('[data-testid="filmstrip.item"][aria-selected="true"]')
  }

  get progress(): Locator {
    return this.page.getByTestId('batch.progress')
  }

  get summary(): Locator {
    return this.page.getByTestId('batch.summary')
  }

  item(key: string): Locator {
    return this.page.locator(`[data-testid="filmstrip.item"][data-key=${JSON.stringify(key)}]`)
  }

  /** Opens a folder of images from the folder field and waits for its first image to be shown. */
  async openFolder(dir: string): Promise<void> {
    await this.page.getByTestId('project.folder-path').fill(dir)
    await this.page.getByTestId('project.open-folder').click()
    await expect(this.page.getByTestId('project.current')).toHaveAttribute('data-dir', /.+/)
    await expect(this.items.first()).toBeVisible()
  }

  /** Waits until the filmstrip marks this image as the current one and, if it opens, the image bar names it. */
  async expectSelected(key: string, opens = true): Promise<void> {
    await expect(this.selected).toHaveAttribute('data-key', key)
    if (opens)
      await expect(this.page.getByTestId('image.info')).toContainText(key.split('/').at(-1)!)
  }

  async runAll(options: { scope?: 'all' | 'new' | 'failed'; concurrency?: number } = {}) {
    if (options.scope) await this.page.getByTestId('batch.scope').selectOption(options.scope)
    if (options.concurrency !== undefined)
      await this.page.getByTestId('batch.concurrency').fill(String(options.concurrency))
    await this.page.getByTestId('batch.run-all').click()
  }

  /** Reads the progress bar's numbers. */
  async progressCounts(): Promise<{ done: number; failed: number; total: number; state: string }> {
    const read = async (name: string) => (await this.progress.getAttribute(name)) ?? ''
    return {
      done: Number(await read('data-done')),
      failed: Number(await read('data-failed')),
      total: Number(await read('data-total')),
      state: await read('data-state'),
    }
  }

  async waitForRunEnd(timeout = 30_000): Promise<void> {
    await expect(this.summary).toBeVisible({ timeout })
  }

  async statuses(): Promise<Record<string, string>> {
    return this.items.evaluateAll((items) =>
      Object.fromEntries(
        items.map((item) => [
          (item as HTMLElement).dataset['key'] ?? '',
          (item as HTMLElement).dataset['status'] ?? '',
        ]),
      ),
    )
  }

  async openExport(): Promise<void> {
    await this.page.getByTestId('export.open').click()
    await expect(this.page.getByTestId('export.dialog')).toBeVisible()
  }

  /** Fills the export dialog, starts the export and waits for its outcome. */
  async exportAs(form: ExportForm): Promise<Locator> {
    await this.openExport()
    await this.page.getByTestId('export.format').selectOption(form.format)
    await this.page.getByTestId('export.target').fill(form.target)
    if (form.includeSuggested !== undefined)
      await this.page.getByTestId('export.include-suggested').setChecked(form.includeSuggested)
    if (form.zeroBased !== undefined)
      await this.page.getByTestId('export.zero-based').setChecked(form.zeroBased)
    if (form.images !== undefined)
      await this.page.getByTestId('export.images').selectOption(form.images)
    await this.page.getByTestId('export.start').click()
    const result = this.page.getByTestId('export.result')
    await expect(result).toBeVisible({ timeout: 30_000 })
    return result
  }
}

/** Writes the shapes folder (below) as `workDir/name` and opens it as a project. */
export async function openShapesFolder(workspace: WorkspacePage, workDir: string, name = 'shoot') {
  const dir = join(workDir, name)
  await mkdir(dir)
  const written = await writeShapesFolder(dir)
  const project = new ProjectPage(workspace)
  await project.openFolder(dir)
  return { dir, project, ...written }
}

/** The image folder the project specs label: shapes the emulator finds, a nested file, a unicode name and a corrupt file. */
export async function writeShapesFolder(dir: string): Promise<{ keys: string[]; broken: string }> {
  await mkdir(join(dir, 'sub'), { recursive: true })
  const keys: string[] = []
  for (let i = 1; i <= 9; i++) {
    const key = `img${i}.${i % 3 === 0 ? 'jpg' : 'png'}`
    await writeShapesImage(join(dir, key), {
      width: 320,
      height: 240,
      format: i % 3 === 0 ? 'jpeg' : 'png',
      shapes: [
        { colour: 'red', x: 10 + i * 8, y: 20, width: 60, height: 50 },
        ...(i % 2 === 0
          ? [{ colour: 'blue' as const, x: 180, y: 120, width: 70, height: 80 }]
          : []),
      ],
    })
    keys.push(key)
  }
  for (const key of ['sub/img10.png', 'фото é 11.png']) {
    await writeShapesImage(join(dir, key), {
      width: 320,
      height: 240,
      format: 'png',
      shapes: [{ colour: 'red', x: 100, y: 100, width: 40, height: 40 }],
    })
    keys.push(key)
  }
  const broken = 'broken.png'
  await writeFile(join(dir, broken), Buffer.from('this is not a PNG at all'))
  keys.push(broken)
  return { keys, broken }
}
