import { describe, expect, it } from 'vitest'
import { fitViewport } from '../../../src/renderer/src/core/viewport'
import { ViewState } from '../../../src/renderer/src/state/view-state.svelte'

describe('ViewState: the viewport is derived, never written back', () => {
  it('fits the image and refits on resize until the user zooms, then keeps the zoom', () => {
    const view = new ViewState()
    const image = { width: 400, height: 300 }
    view.resize({ width: 800, height: 600 })
    view.setImage(image)
    expect(view.viewport).toEqual(fitViewport(image, { width: 800, height: 600 }))
    view.resize({ width: 400, height: 600 })
    expect(view.viewport).toEqual(fitViewport(image, { width: 400, height: 600 }))

    view.zoomBy(2)
    const zoomed = view.viewport
    expect(zoomed.scale).toBeCloseTo(fitViewport(image, { width: 400, height: 600 }).scale * 2)
    view.resize({ width: 500, height: 600 })
    expect(view.viewport).toEqual(zoomed)

    view.fit()
    expect(view.viewport).toEqual(fitViewport(image, { width: 500, height: 600 }))
  })

  it('drops the zoom of one image when another is shown', () => {
    const view = new ViewState()
    view.resize({ width: 800, height: 600 })
    view.setImage({ width: 400, height: 300 })
    view.panBy(30, 0)
    const other = { width: 100, height: 100 }
    view.setImage(other)
    expect(view.viewport).toEqual(fitViewport(other, { width: 800, height: 600 }))
  })

  it('follows a source of the image: the same object keeps the zoom, a new one refits', () => {
    // The source is state elsewhere (the exemplar builder's shown reference); a ViewState's own
    // hovered id stands in for it here as a reactive value the derivation reads.
    const images = [
      { width: 200, height: 100 },
      { width: 300, height: 300 },
    ]
    const holder = new ViewState()
    const view = new ViewState(() => images[holder.hoveredId === 'second' ? 1 : 0]!)
    view.resize({ width: 400, height: 400 })
    view.zoomBy(1.5)
    const zoomed = view.viewport
    expect(zoomed.scale).toBeCloseTo(fitViewport(images[0]!, view.container).scale * 1.5)
    // Boxes edited on the same reference: the same image object, the zoom stays.
    expect(view.viewport).toEqual(zoomed)
    holder.hoveredId = 'second'
    expect(view.viewport).toEqual(fitViewport(images[1]!, { width: 400, height: 400 }))
  })
})
