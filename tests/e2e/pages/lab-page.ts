/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test'
import type { ColumnKey } from '../../../src/renderer/src/core/lab-table'

/** The prompt lab as a labeler uses it: truth set, candidates, run, table, curves, gallery. */
export class LabPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId('lab.dialog')
  }

  get truth(): Locator {
    return this.page.getByTestId('lab.truth')
  }

  get progress(): Locator {
    return this.page.getByTestId('lab.progress')
  }

  get table(): Locator {
    return this.page.getByTestId('lab.table')
  }

  get compare(): Locator {
    return this.page.getByTestId('lab.compare')
  }

  /** Opens the lab from the project bar and waits for the truth set to be read. */
  async open(): Promise<void> {
    await this.page.getByTestId('lab.open').click()
    await expect(this.dialog).toBeVisible()
    await expect(this.truth).not.toHaveAttribute('data-images', '')
  }

  async truthImages(): Promise<number> {
    return Number(await this.truth.getAttribute('data-images'))
  }

  /** Saves the model panel's current prompt under a name; answers the new candidate's id. */
  async saveCurrentPrompt(name: string): Promise<string> {
    await this.page.getByTestId('lab.save.name').fill(name)
    await this.page.getByTestId('lab.save').click()
    const row = this.candidate(name)
    await expect(row).toBeVisible()
    return (await row.getAttribute('data-id')) ?? ''
  }

  candidate(name: string): Locator {
    return this.page.locator(`[data-testid="lab.candidate"][data-name=${JSON.stringify(name)}]`)
  }

  /** Runs the ticked candidates and waits for the run to end and the numbers to follow. */
  async run(timeout = 30_000): Promise<void> {
    await this.page.getByTestId('lab.run').click()
    await expect(this.progress).toHaveAttribute('data-state', 'finished', { timeout })
    await expect(this.dialog).toHaveAttribute('data-scoring', 'false')
  }

  /** A table row: a candidate overall, or one of its classes once shown. */
  row(candidateId: string, className = ''): Locator {
    return this.page.locator(
      `[data-testid="lab.row"][data-candidate="${candidateId}"][data-class=${JSON.stringify(className)}]`,
    )
  }

  cell(candidateId: string, column: ColumnKey, className = ''): Locator {
    return this.row(candidateId, className).locator(
      `[data-testid="lab.cell"][data-column="${column}"]`,
    )
  }

  async value(candidateId: string, column: ColumnKey, className = ''): Promise<number> {
    return Number(await this.cell(candidateId, column, className).getAttribute('data-value'))
  }

  async showClasses(candidateId: string): Promise<void> {
    await this.row(candidateId).getByTestId('lab.row.expand').click()
  }

  /** Shows the curves of one class. */
  async showCurves(className: string): Promise<void> {
    await this.page.getByTestId('lab.tab.curves').click()
    await this.page
      .locator(`[data-testid="lab.chart-class"][data-class=${JSON.stringify(className)}]`)
      .click()
    await expect(this.page.getByTestId('lab.charts')).toHaveAttribute('data-class', className)
  }

  /** A candidate's line on the precision-recall ('pr') or F1 ('f1') chart. */
  curve(kind: 'pr' | 'f1', candidateId: string): Locator {
    return this.page.locator(
      `[data-testid="lab.curve"][data-kind="${kind}"][data-candidate="${candidateId}"]`,
    )
  }

  /** Shows a candidate's misses or false positives in the gallery. */
  async showGallery(candidateId: string, kind: 'misses' | 'false-positives'): Promise<Locator> {
    await this.page.getByTestId('lab.tab.gallery').click()
    await this.page.getByTestId('lab.gallery.candidate').selectOption(candidateId)
    await this.page.getByTestId(`lab.gallery.${kind}`).click()
    return this.page.getByTestId('lab.gallery.item')
  }

  /** "Use this" on a candidate, at each class's best F1, and waits until it is set. */
  async use(candidateId: string): Promise<Locator> {
    await this.row(candidateId).getByTestId('lab.use').click()
    await expect(this.page.getByTestId('lab.apply')).toHaveAttribute('data-candidate', candidateId)
    await this.page.getByTestId('lab.apply.confirm').click()
    const applied = this.page.getByTestId('lab.applied')
    await expect(applied).toHaveAttribute('data-candidate', candidateId)
    return applied
  }

  /** The candidate's boxes listed beside the canvas while comparing. */
  async overlay(): Promise<{ className: string; confidence: number }[]> {
    return this.page.getByTestId('lab.overlay.item').evaluateAll((items) =>
      items.map((item) => {
        const data = (item as HTMLElement).dataset
        return { className: data['class'] ?? '', confidence: Number(data['confidence']) }
      }),
    )
  }
}
