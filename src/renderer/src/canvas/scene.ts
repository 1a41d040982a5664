import Konva from 'konva/lib/Core'
import { Image as KonvaImage } from 'konva/lib/shapes/Image'
import type { Context } from 'konva/lib/Context'
import type { Layer } from 'konva/lib/Layer'
import type { Shape } from 'konva/lib/Shape'
import type { Stage } from 'konva/lib/Stage'
import type { Box } from '../../../shared/geometry'
import type { BoxItem } from '../core/box-items'
import type { ExemplarItem } from '../core/exemplars'
import { visibleImageRect, type Size, type Viewport } from '../core/viewport'
import { CanvasLabels, type CanvasLabel } from './canvas-labels'
import {
  BOX_LINE_PX,
  drawHovered,
  drawLabels,
  drawSelected,
  strokeBoxes,
  type DrawFrame,
} from './draw-boxes'
import { drawDraft, drawExemplars } from './draw-exemplars'
import { drawLabBoxes, type LabBoxItem } from './draw-lab'

/** Labels laid out among the boxes, or drawn whole on top of them for a hovered or selected box. */
export type LabelLayer = 'boxes' | 'top'
export type LabelListener = (layer: LabelLayer, labels: readonly CanvasLabel[]) => void

/** The box being dragged out, with the look of what it will become. */
export interface DraftBox {
  box: Box
  color: string
  /** An annotation box (solid), an OwlV2 example (dashed) or a counter-example (dotted). */
  kind: 'box' | 'example' | 'counter'
}

/**
 * Owns the Konva nodes and only draws: the stage transform maps image pixels to screen, so every
 * node lives in full-size oriented image pixels. Layers split by change rate: image, the bulk of
 * the boxes (one Shape for all of them), and interaction (selection with handles, hover, rubber
 * band), so dragging one box redraws only the small interaction layer.
 */
export class CanvasScene {
  readonly #stage: Stage
  readonly #imageLayer: Layer
  readonly #boxLayer: Layer
  readonly #hoverLayer: Layer
  readonly #image: KonvaImage
  #items: readonly BoxItem[] = []
  #hovered: BoxItem | null = null
  #selected: readonly BoxItem[] = []
  #exemplars: readonly ExemplarItem[] = []
  #labBoxes: readonly LabBoxItem[] = []
  #showBoxes = true
  #draft: DraftBox | null = null
  readonly #labels = new CanvasLabels(BOX_LINE_PX / 2)
  readonly #onLabels: LabelListener | undefined
  readonly #reported: Record<LabelLayer, string> = { boxes: '', top: '' }

  /**
   * `onLabels` hears which labels are shown, each time they change: on the box layer (where the
   * layout put them) and on top (the whole labels of hovered and selected boxes).
   */
  constructor(container: HTMLDivElement, options: { onLabels?: LabelListener } = {}) {
    this.#onLabels = options.onLabels
    this.#stage = new Konva.Stage({ container, width: 1, height: 1, listening: false })
    this.#imageLayer = new Konva.Layer({ listening: false })
    this.#boxLayer = new Konva.Layer({ listening: false })
    this.#hoverLayer = new Konva.Layer({ listening: false })
    this.#image = new KonvaImage({ image: undefined, listening: false, perfectDrawEnabled: false })
    this.#imageLayer.add(this.#image)
    this.#boxLayer.add(this.#shape((ctx) => this.#drawBulk(ctx)))
    this.#boxLayer.add(this.#shape((ctx) => this.#drawExemplars(ctx)))
    this.#hoverLayer.add(this.#shape((ctx) => this.#drawHover(ctx)))
    this.#stage.add(this.#imageLayer, this.#boxLayer, this.#hoverLayer)
  }

  setSize(size: Size): void {
    this.#stage.size({ width: Math.max(1, size.width), height: Math.max(1, size.height) })
    this.#stage.batchDraw()
  }

  setViewport(view: Viewport): void {
    this.#stage.scale({ x: view.scale, y: view.scale })
    this.#stage.position({ x: view.x, y: view.y })
    this.#stage.batchDraw()
  }

  /** Shows a (possibly downscaled) rendition stretched to the image's full oriented size. */
  setImage(element: HTMLImageElement | null, size: Size | null): void {
    this.#image.image(element ?? undefined)
    this.#image.size(size ?? { width: 0, height: 0 })
    this.#image.visible(element !== null)
    this.#imageLayer.batchDraw()
  }

  setBoxes(items: readonly BoxItem[]): void {
    this.#items = items
    this.#boxLayer.batchDraw()
  }

  /**
   * Every box that gets a label (selected ones included, placed first), and the oriented image
   * size labels must stay inside; the labels are laid out again at the next draw.
   */
  setLabelBoxes(items: readonly BoxItem[], selected: readonly string[], image: Size): void {
    this.#labels.set(items, selected, image)
    this.#boxLayer.batchDraw()
    this.#hoverLayer.batchDraw()
  }

  /** Hides the detection boxes while the server's own rendered picture is shown. */
  setShowBoxes(show: boolean): void {
    this.#showBoxes = show
    this.#boxLayer.batchDraw()
    this.#hoverLayer.batchDraw()
  }

  setExemplars(items: readonly ExemplarItem[]): void {
    this.#exemplars = items
    this.#boxLayer.batchDraw()
  }

  /** A prompt lab candidate's boxes, drawn dotted over the truth while comparing. */
  setLabBoxes(items: readonly LabBoxItem[]): void {
    this.#labBoxes = items
    this.#boxLayer.batchDraw()
  }

  setDraft(draft: DraftBox | null): void {
    this.#draft = draft
    this.#hoverLayer.batchDraw()
  }

  setHovered(item: BoxItem | null): void {
    this.#hovered = item
    this.#hoverLayer.batchDraw()
  }

  /** Selected boxes, at their dragged position while a gesture is under way. */
  setSelected(items: readonly BoxItem[]): void {
    this.#selected = items
    this.#hoverLayer.batchDraw()
  }

  destroy(): void {
    this.#stage.destroy()
  }

  #shape(draw: (ctx: Context) => void): Shape {
    return new Konva.Shape({
      listening: false,
      perfectDrawEnabled: false,
      strokeScaleEnabled: false,
      shadowForStrokeEnabled: false,
      sceneFunc: (ctx) => draw(ctx),
    })
  }

  #frame(): DrawFrame {
    const scale = this.#stage.scaleX()
    const view = { scale, x: this.#stage.x(), y: this.#stage.y() }
    return { scale, visible: visibleImageRect(view, this.#stage.size()) }
  }

  #drawBulk(ctx: Context): void {
    const frame = this.#frame()
    const shown =
      this.#items.length > 0 && this.#showBoxes ? strokeBoxes(ctx, this.#items, frame) : []
    this.#report('boxes', drawLabels(ctx, shown, frame, this.#labels))
  }

  /**
   * Tells the listener when the labels shown change: a pan that keeps the same labels stays
   * silent, and so does a drag, whose label on top moves but keeps its text.
   */
  #report(layer: LabelLayer, shown: readonly CanvasLabel[]): void {
    if (!this.#onLabels) return
    const place = ({ rect }: CanvasLabel) =>
      layer === 'top' ? '' : [rect.x, rect.y, rect.width].map((v) => v.toFixed(2)).join(',')
    const key = shown.map((label) => `${label.id}\t${label.text}\t${place(label)}`).join('\n')
    if (key === this.#reported[layer]) return
    this.#reported[layer] = key
    this.#onLabels(layer, shown)
  }

  #drawExemplars(ctx: Context): void {
    if (this.#exemplars.length > 0) drawExemplars(ctx, this.#exemplars, this.#frame())
    if (this.#labBoxes.length > 0) drawLabBoxes(ctx, this.#labBoxes, this.#frame())
  }

  #drawHover(ctx: Context): void {
    const frame = this.#frame()
    const hovered = this.#hovered
    const onTop: CanvasLabel[] = []
    const draw = (item: BoxItem, selected: boolean) => {
      const label = this.#labels.fullLabel(item, frame.scale)
      if (selected) drawSelected(ctx, item, frame, label)
      else drawHovered(ctx, item, frame, label)
      onTop.push(label)
    }
    if (hovered && this.#showBoxes && !this.#selected.some((s) => s.id === hovered.id)) {
      draw(hovered, false)
    }
    if (this.#showBoxes) for (const item of this.#selected) draw(item, true)
    this.#report('top', onTop)
    const draft = this.#draft
    if (draft) drawDraft(ctx, draft.box, draft.color, draft.kind, frame)
  }
}
