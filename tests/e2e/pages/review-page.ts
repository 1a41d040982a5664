/// <reference lib="dom" />
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { makeShapesImage, type ShapeSpec } from '../../support/test-images'
import type { ImageBox, ModelsPage } from './models-page'

/** One row of the box list, as its data attributes report it (oriented image pixels). */
export interface ListedBox extends ImageBox {
  id: string
  className: string
  state: string
  source: string
  confidence: number | null
}

/** Writes shapes images into a new folder; returns the folder and each image's path. */
export async function writeFolder(
  dir: string,
  images: Record<string, ShapeSpec[]>,
  size = { width: 400, height: 260 },
): Promise<{ dir: string; paths: Record<string, string> }> {
  await mkdir(dir, { recursive: true })
  const paths: Record<string, string> = {}
  for (const [name, shapes] of Object.entries(images)) {
    const { buffer } = await makeShapesImage({ ...size, shapes, format: 'png' })
    paths[name] = join(dir, name)
    await writeFile(paths[name], buffer)
  }
  return { dir, paths }
}

/** The box list, the canvas tools and the review queue, as a labeler uses them. */
export class ReviewPage {
  readonly page: Page

  constructor(readonly models: ModelsPage) {
    this.page = models.page
  }

  get items(): Locator {
    return this.page.getByTestId('boxes.item')
  }

  get list(): Locator {
    return this.page.getByTestId('boxes.list')
  }

  item(id: string): Locator {
    return this.page.locator(`[data-testid="boxes.item"][data-id="${id}"]`)
  }

  /** The selected row: the button that stands for its box is marked current for screen readers. */
  get selected(): Locator {
    return this.items.filter({
      has: this.page.locator('[data-testid="boxes.item.select"][aria-current="true"]'),
    })
  }

  /** Puts the keyboard focus on a box in the list (its own button), which selects it. */
  async focusItem(id: string): Promise<void> {
    await this.item(id).getByTestId('boxes.item.select').focus()
  }

  async listed(): Promise<ListedBox[]> {
    await expect(this.list).toBeAttached()
    return this.items.evaluateAll((items) =>
      items.map((item) => {
        const data = (item as HTMLElement).dataset
        return {
          id: data['id'] ?? '',
          className: data['class'] ?? '',
          state: data['state'] ?? '',
          source: data['source'] ?? '',
          confidence: data['confidence'] ? Number(data['confidence']) : null,
          x: Number(data['x']),
          y: Number(data['y']),
          width: Number(data['width']),
          height: Number(data['height']),
        }
      }),
    )
  }

  async states(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.listed()).map((b) => [b.id, b.state]))
  }

  /** Waits until every change has reached main (the list says so). */
  async saved(): Promise<void> {
    await expect(this.list).toHaveAttribute('data-saved', 'true')
  }

  /** Sets the live confidence cut by typing it into the exact field. */
  async setThreshold(value: number): Promise<void> {
    const field = this.page.getByTestId('review.threshold-value')
    await field.fill(String(value))
    await field.press('Tab')
  }

  /** A real drag on the main canvas between two image pixels. */
  async drag(from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
    await this.models.dragOnImage(from, to, this.models.stage)
  }

  async screenshot(name: string): Promise<void> {
    await mkdir('test-results/screenshots', { recursive: true })
    await this.page.screenshot({ path: `test-results/screenshots/${name}` })
  }
}

/** Each listed box matches one expected box within ±tolerance pixels on every side. */
export function expectNear(actual: ImageBox, expected: ImageBox, tolerance = 1): void {
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(actual[key] - expected[key]), key).toBeLessThanOrEqual(tolerance)
  }
}

/** The OwlV2 review scenario: two references and a query image of coloured shapes. */
const red = (x: number, y: number, width: number, height: number): ShapeSpec => ({
  colour: 'red',
  x,
  y,
  width,
  height,
})

export const REF_A_RED = red(60, 50, 120, 90)
export const REF_B_RED = red(40, 40, 90, 70)
export const REF_B_GREEN: ShapeSpec = { colour: 'green', x: 250, y: 60, width: 80, height: 80 }
/** Three big red shapes score about 0.9999 on the emulator; two 8-9 px specks about 0.991. */
export const BIG = [red(30, 40, 80, 60), red(220, 170, 90, 60), red(150, 60, 70, 50)]
export const SPECKS = [red(330, 30, 8, 8), red(350, 215, 9, 9)]

export const OWL_FOLDER: Record<string, ShapeSpec[]> = {
  'query.png': [
    ...BIG,
    ...SPECKS,
    { colour: 'blue', x: 260, y: 70, width: 50, height: 50 },
    { colour: 'green', x: 60, y: 170, width: 50, height: 50 },
  ],
  'ref-a.png': [REF_A_RED, { colour: 'blue', x: 260, y: 160, width: 80, height: 70 }],
  'ref-b.png': [REF_B_RED, REF_B_GREEN],
}

/** The listed box lying on a shape (within 2 px). */
export function onShape(listed: ListedBox[], shape: ShapeSpec): ListedBox {
  const found = listed.find((b) =>
    ['x', 'y', 'width', 'height'].every((k) => Math.abs(b[k as 'x'] - shape[k as 'x']) <= 2),
  )
  if (!found) throw new Error(`no box on ${JSON.stringify(shape)}: ${JSON.stringify(listed)}`)
  return found
}
