/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test'
import type { ModelKind } from '../../../src/shared/model-spec'
import type { WorkspacePage } from './workspace-page'

export interface ImageBox {
  x: number
  y: number
  width: number
  height: number
}

export interface HostedForm {
  project: string
  version: number
  confidence?: number
  overlap?: number
  classes?: string
  renderImage?: boolean
}

/** The model selector, each model's editor, and the canvas in image coordinates. */
export class ModelsPage {
  readonly page: Page

  constructor(readonly workspace: WorkspacePage) {
    this.page = workspace.page
  }

  get stage(): Locator {
    return this.page.getByTestId('canvas.stage')
  }

  /** The exemplar builder's canvas, where reference boxes are drawn. */
  get exemplarStage(): Locator {
    return this.page.getByTestId('owlv2.canvas')
  }

  get references(): Locator {
    return this.page.getByTestId('owlv2.builder').getByTestId('owlv2.reference')
  }

  get exemplarBoxes(): Locator {
    return this.page.getByTestId('owlv2.box')
  }

  /** Opens an image by path and waits until it is the one on the canvas. */
  async openImage(path: string): Promise<void> {
    await this.workspace.openImage(path)
    const name = path.split('/').at(-1) ?? path
    await expect(this.page.getByTestId('image.info')).toContainText(name)
    await expect(this.page.getByText('Loading image…')).toHaveCount(0)
  }

  async choose(kind: ModelKind): Promise<void> {
    await this.page.getByTestId('model.kind').selectOption(kind)
    await expect(this.page.getByTestId('model.editor')).toHaveAttribute('data-kind', kind)
  }

  async fillMoondream(prompts: string[]): Promise<void> {
    await this.page.getByTestId('moondream.prompts').fill(prompts.join('\n'))
  }

  async fillHosted(form: HostedForm): Promise<void> {
    await this.page.getByTestId('hosted.project').fill(form.project)
    await this.page.getByTestId('hosted.version').fill(String(form.version))
    if (form.confidence !== undefined) {
      await this.page.getByTestId('hosted.confidence').fill(String(form.confidence))
    }
    if (form.overlap !== undefined) {
      await this.page.getByTestId('hosted.overlap').fill(String(form.overlap))
    }
    if (form.classes !== undefined) await this.page.getByTestId('hosted.classes').fill(form.classes)
    await this.page.getByTestId('hosted.format-image').setChecked(form.renderImage ?? false)
  }

  /** Opens the exemplar builder from the OwlV2 editor. */
  async openBuilder(): Promise<void> {
    await this.page.getByTestId('owlv2.edit-set').click()
    await expect(this.page.getByTestId('owlv2.builder')).toBeVisible()
  }

  /** Adds a reference image by its name in the folder (or an absolute path) and waits for it. */
  async addReference(nameOrPath: string): Promise<void> {
    const before = await this.references.count()
    await this.page.getByTestId('owlv2.add-path').fill(nameOrPath)
    await this.page.getByTestId('owlv2.add-image').click()
    await expect(this.references).toHaveCount(before + 1)
    await expect(this.exemplarStage).not.toHaveAttribute('data-tool', 'off')
  }

  /** The dialog "+ Add it with its N boxes…" opens: what would be added, each box untickable. */
  get offer(): Locator {
    return this.page.getByTestId('owlv2.offer')
  }

  /** The offered box of a class, an example or a counter-example. */
  offerItem(className: string, negative: boolean): Locator {
    return this.offer.locator(
      `[data-testid="owlv2.offer.item"][data-class=${JSON.stringify(className)}][data-negative="${negative}"]`,
    )
  }

  /** Opens the add dialog for the image on the canvas, from the open builder. */
  async offerCurrentBoxes(): Promise<void> {
    await this.page.getByTestId('owlv2.add-current-boxes').click()
    await expect(this.offer).toBeVisible()
  }

  async closeBuilder(): Promise<void> {
    await this.page.getByTestId('owlv2.builder.close').click()
    await expect(this.page.getByTestId('owlv2.builder')).toBeHidden()
  }

  /** Sets the class and sign of the next examples, then enters exemplar-drawing mode. */
  async startExamples(className: string, negative = false): Promise<void> {
    await this.page.getByTestId('owlv2.class').fill(className)
    await this.page.getByTestId('owlv2.negative').setChecked(negative)
    const draw = this.page.getByTestId('owlv2.draw')
    if ((await draw.getAttribute('data-active')) !== 'true') await draw.click()
    await expect(this.exemplarStage).toHaveAttribute('data-tool', 'draw')
  }

  /** Page coordinates of an image pixel, from a canvas element and its zoom and offset. */
  async imageToPage(
    point: { x: number; y: number },
    stage: Locator = this.stage,
  ): Promise<{ x: number; y: number }> {
    const rect = await stage.boundingBox()
    if (!rect) throw new Error('the canvas is not on screen')
    const [zoom, offsetX, offsetY] = await Promise.all(
      ['data-zoom', 'data-offset-x', 'data-offset-y'].map(async (name) =>
        Number(await stage.getAttribute(name)),
      ),
    )
    return {
      x: rect.x + (offsetX ?? 0) + point.x * (zoom ?? 1),
      y: rect.y + (offsetY ?? 0) + point.y * (zoom ?? 1),
    }
  }

  /** A real mouse drag between two image pixels, in steps, as a hand would make it. */
  async dragOnImage(
    from: { x: number; y: number },
    to: { x: number; y: number },
    stage: Locator = this.stage,
  ): Promise<void> {
    const start = await this.imageToPage(from, stage)
    const end = await this.imageToPage(to, stage)
    await this.page.mouse.move(start.x, start.y)
    await this.page.mouse.down()
    await this.page.mouse.move(end.x, end.y, { steps: 8 })
    await this.page.mouse.up()
  }

  /** Draws a box by dragging from its bottom-right corner to its top-left one. */
  async drawBoxReversed(box: ImageBox, stage: Locator = this.exemplarStage): Promise<void> {
    const end = { x: box.x + box.width, y: box.y + box.height }
    await this.dragOnImage(end, { x: box.x, y: box.y }, stage)
  }

  /** Draws a box by dragging (on the exemplar builder's canvas unless told otherwise). */
  async drawBox(box: ImageBox, stage: Locator = this.exemplarStage): Promise<void> {
    const end = { x: box.x + box.width, y: box.y + box.height }
    await this.dragOnImage({ x: box.x, y: box.y }, end, stage)
  }

  async switchTo(imageName: string): Promise<void> {
    await this.page.locator(`[data-testid="image.recent"][data-name="${imageName}"]`).click()
    await expect(this.page.getByTestId('image.info')).toContainText(imageName)
  }

  /** Runs Detect and waits until the run is over and its summary is shown. */
  async detect(): Promise<void> {
    await this.page.getByTestId('detection.run').click()
    await expect(this.page.getByTestId('detection.status')).toHaveCount(0, { timeout: 20_000 })
    await expect(this.page.getByTestId('detections.summary')).toBeVisible()
  }

  /** The boxes of the reference shown in the builder. */
  async listedExemplars(): Promise<(ImageBox & { className: string; negative: boolean })[]> {
    return this.exemplarBoxes.evaluateAll((items) =>
      items.map((item) => {
        const data = (item as HTMLElement).dataset
        return {
          className: data['class'] ?? '',
          negative: data['negative'] === 'true',
          x: Number(data['x']),
          y: Number(data['y']),
          width: Number(data['width']),
          height: Number(data['height']),
        }
      }),
    )
  }
}
