/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test'

export interface ListedDetection {
  className: string
  confidence: number
  x: number
  y: number
  width: number
  height: number
}

/** The main window as a labeler sees it: server bar, image, prompt editor, detections list. */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  get errorBar(): Locator {
    return this.page.getByTestId('app.error')
  }

  get detectionItems(): Locator {
    return this.page.getByTestId('boxes.item')
  }

  /** Types into the server field once it shows the saved address (typed earlier, the two would mix). */
  async useServer(url: string): Promise<void> {
    await this.typeServerUrl(url)
    await this.page.getByTestId('server.save').click()
  }

  /** The top bar's server row, unfolded if the welcome view folded it into one line. */
  async serverField(): Promise<Locator> {
    const field = this.page.getByTestId('server.url')
    const compact = this.page.getByTestId('server.compact')
    await expect(field.or(compact)).toBeVisible()
    if (await compact.isVisible()) await this.page.getByTestId('server.expand').click()
    await expect(field).toBeVisible()
    return field
  }

  async typeServerUrl(url: string): Promise<void> {
    const field = await this.serverField()
    await expect(field).not.toHaveValue('')
    await field.fill(url)
  }

  async setApiKey(key: string): Promise<void> {
    await this.page.getByTestId('server.api-key').fill(key)
    await this.page.getByTestId('server.set-key').click()
  }

  async openImage(path: string): Promise<void> {
    await this.page.getByTestId('image.path').fill(path)
    await this.page.getByTestId('image.open').click()
  }

  async detect(classes: string): Promise<void> {
    await this.page.getByTestId('prompt.classes').fill(classes)
    await this.page.getByTestId('detection.run').click()
  }

  /** Reads the DOM list that mirrors the canvas boxes (oriented image pixels, top-left). */
  async listedDetections(): Promise<ListedDetection[]> {
    await expect(this.page.getByTestId('boxes.list')).toBeAttached()
    return this.detectionItems.evaluateAll((items) =>
      items.map((item) => {
        const data = (item as HTMLElement).dataset
        return {
          className: data['class'] ?? '',
          confidence: Number(data['confidence']),
          x: Number(data['x']),
          y: Number(data['y']),
          width: Number(data['width']),
          height: Number(data['height']),
        }
      }),
    )
  }
}
