import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserType } from 'playwright-core'
import { startBridge } from '../src/bridge/server'
import type { OpenedAnnotations } from '../src/shared/contract'
import {
  drag,
  startFrameRecorder,
  stopFrameRecorder,
  targetOnScreen,
  timeImageSwitch,
} from './lib/canvas-page'
import { DRAG_BOX, DRAG_ID, gridBoxes, makeCanvasProject } from './lib/canvas-project'
import { importInstalled } from './lib/runtime-import'
import { call, startServices } from './lib/services-host'
import { fmt, percentile, round } from './lib/stats'
import type { Benchmark } from './lib/types'

const BUDGET_MS = 16.7
/** The Chromium flags of playwright.config.ts. */
const ARGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

/** Issue 7 §5: the canvas with thousands of boxes, in Chromium through the loopback bridge. */
export const canvas: Benchmark = {
  name: 'canvas',
  what: 'Main-thread time per frame (and frame intervals) while a box is dragged on an image with 2,000 boxes, in Debian Chromium (headless, software rendering) on the built renderer through the loopback bridge; time to show an image with 500 boxes after a click in the filmstrip.',
  target: `drag: p95 frame time <= ${BUDGET_MS} ms`,
  async run(ctx) {
    const rendererDir = join(ctx.root, 'out', 'renderer')
    if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('run `npm run build` first')
    const bridge = await startBridge({
      rendererDir,
      createServices: (imageUrl) => startServices(join(ctx.workDir, 'data'), imageUrl),
    })
    let browser: Browser | null = null
    const pageErrors: string[] = []
    try {
      const imagesDir = join(ctx.workDir, 'images')
      const project = await makeCanvasProject(bridge.services, imagesDir, [
        { key: 'a.jpg', boxes: gridBoxes(2_000, true) },
        { key: 'b.jpg', boxes: gridBoxes(500, false) },
        { key: 'c.jpg', boxes: gridBoxes(500, false) },
      ])
      const { chromium } = await importInstalled<{ chromium: BrowserType }>('playwright-core')
      browser = await chromium.launch({
        executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
        args: ARGS,
      })
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto(bridge.launchUrl)
      await page.getByTestId('project.folder-path').fill(imagesDir)
      await page.getByTestId('project.open-folder').click()
      await page
        .locator('[data-testid="filmstrip.item"][data-key="c.jpg"]')
        .waitFor({ timeout: 20_000 })
        .catch(async (error: unknown) => {
          const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 300)
          const errors = pageErrors.slice(0, 2).join(' | ') || 'none'
          throw new Error(
            `the folder never listed (${String(error).split('\n')[0]}); page errors: ${errors}; page text: ${text}`,
          )
        })
      // The project may open on its first image; let that settle, then go elsewhere first so
      // that every visit below is a switch.
      await page.waitForTimeout(1_000)
      const switches = [{ key: 'c.jpg', ms: await timeImageSwitch(page, 'c.jpg', 500) }]
      ctx.log('opening the image with 2,000 boxes')
      const openLarge = await timeImageSwitch(page, 'a.jpg', 2_000)

      const before = await targetOnScreen(page)
      await page.mouse.click(before.centre.x, before.centre.y)
      await page.waitForTimeout(300)
      ctx.log('dragging')
      await startFrameRecorder(page)
      const moved = await drag(page, before.centre)
      const frames = await stopFrameRecorder(page)
      await page.waitForTimeout(800)
      const after = await targetOnScreen(page)
      const saved = await call<OpenedAnnotations>(bridge.services, 'annotations.get', {
        projectId: project.id,
        key: 'a.jpg',
      })
      const box = saved.doc.boxes.find((b) => b.id === DRAG_ID)?.box
      const expected = {
        x: DRAG_BOX.x + moved.dx / before.zoom,
        y: DRAG_BOX.y + moved.dy / before.zoom,
      }
      const boxMoved = !!box && Math.abs(box.x - expected.x) < 3 && Math.abs(box.y - expected.y) < 3
      const panned = after.offset.x !== before.offset.x || after.offset.y !== before.offset.y

      ctx.log('switching images')
      for (let i = 0; i < (ctx.quick ? 3 : 6); i++)
        for (const key of ['b.jpg', 'c.jpg'])
          switches.push({ key, ms: await timeImageSwitch(page, key, 500) })

      const p = (values: number[], q: number) => round(percentile(values, q), 2)
      const of = (type: string) => frames.work.filter((_, i) => frames.input[i] === type)
      const steps = of('pointermove')
      const drop = Math.max(...of('pointerup'), 0)
      const stepP95 = percentile(steps, 95)
      const cold = [switches[0]!.ms, switches[1]!.ms]
      const warm = switches.slice(2).map((s) => s.ms)
      const over = steps.filter((w) => w > BUDGET_MS).length
      const notes = [
        `Drag: ${steps.length} frames carried a pointer move; their main-thread time p50 ${fmt(p(steps, 50))} ms, p95 ${fmt(stepP95)} ms, max ${fmt(Math.max(...steps))} ms, ${over} over ${BUDGET_MS} ms. The other ${frames.work.length - steps.length} frames of the gesture were idle (p50 ${fmt(p(of(''), 50))} ms). Frame intervals p50 ${fmt(p(frames.intervals, 50))} ms, p95 ${fmt(p(frames.intervals, 95))} ms (headless frame pacing).`,
        `Dropping the box (pointer up: the edit is committed and saved) took one ${fmt(drop, 0)} ms frame${drop > BUDGET_MS ? ', a visible hitch' : ''}.`,
        boxMoved
          ? `The dragged box was saved at its new place (${fmt(box!.x, 0)}, ${fmt(box!.y, 0)}): a real box drag, with the image zoomed to fit (${fmt(before.zoom, 3)} screen px per image px).`
          : `The drag did not move the box as expected (saved at ${box ? `${fmt(box.x, 0)}, ${fmt(box.y, 0)}` : 'nowhere'}, expected ${fmt(expected.x, 0)}, ${fmt(expected.y, 0)})${panned ? '; the view panned instead, so these are pan frame times' : ''}.`,
        `Switching to the 2,000-box image: ${fmt(openLarge, 0)} ms. Switching to an image with 500 boxes: first visits ${cold.map((v) => fmt(v, 0)).join(' and ')} ms (the display rendition is made by sharp), later visits p50 ${fmt(p(warm, 50), 0)} ms, p95 ${fmt(p(warm, 95), 0)} ms (then in the browser's cache).`,
        'Headless Chromium with --disable-gpu rasterises in software; a GPU-backed Electron window spends less per frame.',
      ]
      if (stepP95 > BUDGET_MS)
        notes.push(
          `Missed: p95 ${fmt(stepP95)} ms is ${fmt((stepP95 / BUDGET_MS - 1) * 100, 0)}% over the ${BUDGET_MS} ms frame budget.`,
        )
      if (pageErrors.length > 0) notes.push(`Page errors: ${pageErrors.slice(0, 3).join(' | ')}`)
      return {
        headline: `drag with 2,000 boxes: p50 ${fmt(p(steps, 50))} ms, p95 ${fmt(stepP95)} ms per frame, drop ${fmt(drop, 0)} ms; switch to 500 boxes p50 ${fmt(p(warm, 50), 0)} ms (first ${fmt(Math.max(...cold), 0)} ms)`,
        ratio: { value: round(stepP95 / BUDGET_MS, 3), label: `p95 frame time / ${BUDGET_MS} ms` },
        checks: [
          {
            label: 'drag, p95 main-thread time of frames with a pointer move',
            value: round(stepP95, 2),
            unit: 'ms',
            target: `<= ${BUDGET_MS} ms`,
            met: stepP95 <= BUDGET_MS && boxMoved,
          },
          { label: 'drag, p50', value: p(steps, 50), unit: 'ms', target: 'none', met: null },
          { label: 'drop frame', value: round(drop, 1), unit: 'ms', target: 'none', met: null },
          {
            label: 'switch to 500 boxes, p50',
            value: p(warm, 50),
            unit: 'ms',
            target: 'none',
            met: null,
          },
        ],
        config: {
          boxes: 2_000,
          switchBoxes: 500,
          image: '2048x1536 JPEG',
          viewport: '1280x800',
          chromium: ARGS,
          dragMoves: 140,
          moveEveryMs: 8,
        },
        raw: {
          frames: {
            work: frames.work.map((v) => round(v, 2)),
            input: frames.input,
            intervals: frames.intervals.map((v) => round(v, 2)),
          },
          openLargeMs: round(openLarge, 1),
          switches: switches.map((s) => ({ key: s.key, ms: round(s.ms, 1) })),
          boxMoved,
          panned,
          savedBox: box ?? null,
          zoom: before.zoom,
        },
        notes,
      }
    } finally {
      await browser?.close()
      await bridge.close()
    }
  },
}
