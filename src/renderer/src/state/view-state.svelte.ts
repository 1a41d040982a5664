import {
  fitViewport,
  IDENTITY_VIEWPORT,
  panBy,
  zoomAt,
  type Point,
  type Size,
  type Viewport,
} from '../core/viewport'

/**
 * Where the image sits on the canvas. The viewport is derived: it fits the image to the canvas
 * (and refits on resize) until the user zooms or pans that image, which is kept until the image
 * changes or the user asks to fit again. Nothing writes it back from an effect.
 */
export class ViewState {
  container = $state.raw<Size>({ width: 0, height: 0 })
  /** Boxes hovered in the list or on the canvas, highlighted in both. */
  hoveredId = $state<string | null>(null)
  /** Show the server's rendered picture of its predictions instead of the original, when there is one. */
  showRendered = $state(false)

  /** The image set by `setImage` (the workspace), unless a source was given. */
  #image = $state.raw<Size | null>(null)
  readonly #source: (() => Size | null) | null
  /** The user's own zoom or pan, and the image it was made on. */
  #zoomed = $state.raw<{ image: Size; viewport: Viewport } | null>(null)

  /** The image shown: from the source (e.g. the exemplar builder's reference), else as set. */
  readonly imageSize = $derived.by(() => (this.#source ? this.#source() : this.#image))
  readonly viewport = $derived.by(() => {
    const image = this.imageSize
    if (!image) return IDENTITY_VIEWPORT
    const zoomed = this.#zoomed
    return zoomed && zoomed.image === image ? zoomed.viewport : fitViewport(image, this.container)
  })
  readonly zoomPercent = $derived(Math.round(this.viewport.scale * 100))

  /** `source` makes the shown image derived from other state (same object: same image). */
  constructor(source: (() => Size | null) | null = null) {
    this.#source = source
  }

  resize(size: Size): void {
    this.container = size
  }

  setImage(size: Size | null): void {
    this.#image = size
    this.hoveredId = null
    this.#zoomed = null
  }

  fit(): void {
    this.#zoomed = null
  }

  zoomAt(screenPoint: Point, factor: number): void {
    this.#zoomTo(zoomAt(this.viewport, screenPoint, factor))
  }

  /** Zooms around the centre of the canvas, for buttons and keys. */
  zoomBy(factor: number): void {
    this.zoomAt({ x: this.container.width / 2, y: this.container.height / 2 }, factor)
  }

  panBy(dx: number, dy: number): void {
    this.#zoomTo(panBy(this.viewport, dx, dy))
  }

  #zoomTo(viewport: Viewport): void {
    const image = this.imageSize
    if (image) this.#zoomed = { image, viewport }
  }
}
