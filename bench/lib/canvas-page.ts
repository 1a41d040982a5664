/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import { DRAG_BOX } from './canvas-project'

/** Per-frame numbers collected in the page while a gesture runs. */
export interface FrameSamples {
  /** Main-thread work per frame: input handlers since the last frame + rAF, style, layout, paint. */
  work: number[]
  /** The last pointer event handled in each frame ('' when none): drag steps are 'pointermove'. */
  input: string[]
  /** Time between consecutive animation frames (what the eye sees; vsync-quantised). */
  intervals: number[]
}

/**
 * Starts recording in the page. Each frame's first rAF callback (registered a frame ahead, so it
 * runs before the app's) posts a message that runs once the frame's rendering task has finished;
 * input handlers are timed from a capture listener to a bubble listener on window.
 */
export async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const RANK = ['', 'pointermove', 'pointerdown', 'pointerup']
    const work: number[] = []
    const input: string[] = []
    const intervals: number[] = []
    let inputMs = 0
    let inputType = ''
    let inputStart: number | null = null
    let last: number | null = null
    let running = true
    const begin = (event: Event): void => {
      inputStart = performance.now()
      if (RANK.indexOf(event.type) > RANK.indexOf(inputType)) inputType = event.type
    }
    const end = (): void => {
      if (inputStart !== null) inputMs += performance.now() - inputStart
      inputStart = null
    }
    for (const type of ['pointermove', 'pointerdown', 'pointerup']) {
      window.addEventListener(type, begin, { capture: true })
      window.addEventListener(type, end)
    }
    const channel = new MessageChannel()
    channel.port1.onmessage = (
      event: MessageEvent<{ start: number; ms: number; type: string }>,
    ) => {
      work.push(performance.now() - event.data.start + event.data.ms)
      input.push(event.data.type)
    }
    const tick = (): void => {
      const now = performance.now()
      if (last !== null) intervals.push(now - last)
      last = now
      channel.port2.postMessage({ start: now, ms: inputMs, type: inputType })
      inputMs = 0
      inputType = ''
      if (running) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
    Object.assign(window, {
      __benchStop: (): { work: number[]; input: string[]; intervals: number[] } => {
        running = false
        for (const type of ['pointermove', 'pointerdown', 'pointerup']) {
          window.removeEventListener(type, begin, { capture: true })
          window.removeEventListener(type, end)
        }
        return { work, input, intervals }
      },
    })
  })
}

/** Stops recording and returns what was recorded. */
export async function stopFrameRecorder(page: Page): Promise<FrameSamples> {
  // Two more frames, so the last frame's message has arrived.
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(0))),
      ),
  )
  return page.evaluate(() => (window as unknown as { __benchStop(): FrameSamples }).__benchStop())
}

/**
 * Clicks a filmstrip row inside the page and times until the canvas says it shows that image
 * with `boxes` boxes, the picture has loaded, and one more frame has been painted.
 */
export async function timeImageSwitch(page: Page, key: string, boxes: number): Promise<number> {
  return page.evaluate(
    async ({ key, boxes }) => {
      const row = document.querySelector<HTMLElement>(
        `[data-testid="filmstrip.item"][data-key="${CSS.escape(key)}"]`,
      )
      if (!row) throw new Error(`no filmstrip row for ${key}`)
      const name = key.split('/').pop() ?? key
      const shown = (): boolean => {
        const stage = document.querySelector('[data-testid="canvas.stage"]')
        const label = stage?.getAttribute('aria-label') ?? ''
        const loading = [...document.querySelectorAll('.placeholder')].some((p) =>
          (p.textContent ?? '').includes('Loading'),
        )
        return label.startsWith(`${name},`) && label.includes(`${boxes} boxes`) && !loading
      }
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
      const painted = () =>
        new Promise((resolve) => {
          const channel = new MessageChannel()
          channel.port1.onmessage = () => resolve(0)
          requestAnimationFrame(() => channel.port2.postMessage(0))
        })
      const started = performance.now()
      row.click()
      while (!shown()) {
        if (performance.now() - started > 30_000) throw new Error(`${key} never showed`)
        await frame()
      }
      await painted()
      return performance.now() - started
    },
    { key, boxes },
  )
}

/** Where the drag target is on screen, from the stage's transform (data-zoom, data-offset-*). */
export async function targetOnScreen(page: Page) {
  const stage = page.getByTestId('canvas.stage')
  const rect = (await stage.boundingBox())!
  const read = async (name: string) => Number(await stage.getAttribute(name))
  const zoom = await read('data-zoom')
  const offset = { x: await read('data-offset-x'), y: await read('data-offset-y') }
  const centre = {
    x: rect.x + offset.x + (DRAG_BOX.x + DRAG_BOX.width / 2) * zoom,
    y: rect.y + offset.y + (DRAG_BOX.y + DRAG_BOX.height / 2) * zoom,
  }
  return { zoom, offset, centre }
}

/** A scripted drag: right, down, then part way back, one pointer move every ~8 ms (a 120 Hz mouse). */
export async function drag(
  page: Page,
  from: { x: number; y: number },
): Promise<{ dx: number; dy: number }> {
  const path: [number, number][] = []
  for (let i = 1; i <= 60; i++) path.push([i * 2, 0])
  for (let i = 1; i <= 40; i++) path.push([120, i * 1.5])
  for (let i = 1; i <= 40; i++) path.push([120 - i * 1.5, 60])
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  for (const [dx, dy] of path) {
    await page.mouse.move(from.x + dx, from.y + dy)
    await page.waitForTimeout(8)
  }
  await page.mouse.up()
  const [dx, dy] = path.at(-1)!
  return { dx, dy }
}
