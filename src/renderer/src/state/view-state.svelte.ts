import {
  fitViewport,
  IDENTITY_VIEWPORT,
  panBy,
  zoomAt,
  type Point,
  type Size,
  type Viewport,
} from '../core/viewport'

/** Where the image sits on the canvas; refits on resize until the user zooms or pans. */
export class ViewState {
  container = $state.raw<Size>({ width: 0, height: 0 })
  imageSize = $state.raw<Size | null>(null)
  viewport = $state.raw<Viewport>(IDENTITY_VIEWPORT)
  /** Boxes hovered in the list or on the canvas, highlighted in both. */
  hoveredId = $state<string | null>(null)
  /** Show the server's rendered picture of its predictions instead of the original, when there is one. */
  showRendered = $state(false)

  readonly zoomPercent = $derived(Math.round(this.viewport.scale * 100))

  #autoFit = true

  resize(size: Size): void {
    this.container = size
    if (this.#autoFit) this.fit()
  }

  setImage(size: Size | null): void {
    this.imageSize = size
    this.hoveredId = null
    this.fit()
  }

  fit(): void {
    this.#autoFit = true
    this.viewport = this.imageSize ? fitViewport(this.imageSize, this.container) : IDENTITY_VIEWPORT
  }

  zoomAt(screenPoint: Point, factor: number): void {
    if (!this.imageSize) return
    this.#autoFit = false
    this.viewport = zoomAt(this.viewport, screenPoint, factor)
  }

  /** Zooms around the centre of the canvas, for buttons and keys. */
  zoomBy(factor: number): void {
    this.zoomAt({ x: this.container.width / 2, y: this.container.height / 2 }, factor)
  }

  panBy(dx: number, dy: number): void {
    if (!this.imageSize) return
    this.#autoFit = false
    this.viewport = panBy(this.viewport, dx, dy)
  }
}
