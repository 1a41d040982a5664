import { expect, test } from './fixtures'
import { openShapesFolder } from './pages/project-page'

test.beforeEach(async ({ emulator }) => {
  // Two requests at a time, 100 ms each: a 12-image run takes long enough to watch and pause.
  emulator.setOptions({ slots: 2, serviceTimeMs: 100 })
})

test('runs Grounding DINO over a folder with live progress and badges, and lists the failure with its reason', async ({
  workspace,
  emulator,
  workDir,
}) => {
  await workspace.useServer(emulator.url)
  const { keys, broken, project } = await openShapesFolder(workspace, workDir)
  await expect(project.items).toHaveCount(keys.length)
  await expect(project.selected).toHaveAttribute('data-key', broken)
  await workspace.page.getByTestId('prompt.classes').fill('red, blue')

  await project.runAll({ scope: 'all', concurrency: 2 })
  // Pause at once: the requests already in flight finish, and then nothing more is sent.
  await workspace.page.getByTestId('batch.pause').click()
  await expect(project.progress).toHaveAttribute('data-state', 'paused')
  await expect(workspace.page.getByTestId('batch.rate')).toContainText('paused')
  await expect(project.progress).toHaveAttribute('data-in-flight', '0', { timeout: 20_000 })
  const paused = await project.progressCounts()
  await workspace.page.waitForTimeout(600)
  const still = await project.progressCounts()
  expect(still.done + still.failed).toBe(paused.done + paused.failed)
  expect(still.done + still.failed).toBeLessThan(keys.length)
  // The badges of the images done so far changed already; the rest wait.
  const during = Object.values(await project.statuses())
  expect(during.filter((s) => s === 'not-run').length).toBeGreaterThan(0)

  await workspace.page.getByTestId('batch.resume').click()
  // On a loaded machine the rest may already be done by the time the text is read.
  await expect(workspace.page.getByTestId('batch.rate')).toContainText(/images\/s|finished/)
  await project.waitForRunEnd()
  const end = await project.progressCounts()
  expect(end).toEqual({ done: keys.length - 1, failed: 1, total: keys.length, state: 'finished' })

  // Requests overlapped: the emulator saw two at once, never more.
  expect(emulator.stats.maxActiveInferences).toBe(2)
  await expect(project.item(broken)).toHaveAttribute('data-status', 'failed')
  await expect(project.item('фото é 11.png')).toHaveAttribute('data-status', 'suggested')
  await expect(project.item('sub/img10.png')).toHaveAttribute('data-status', 'suggested')
  await expect(project.summary).toHaveAttribute('data-failed', '1')
  const failure = workspace.page.getByTestId('batch.failure')
  await expect(failure).toHaveCount(1)
  await expect(failure).toHaveAttribute('data-key', broken)
  await expect(failure).toContainText(broken)
  await expect(workspace.page.getByTestId('batch.summary.reasons')).toBeVisible()
  await expect(
    workspace.page.locator('[data-testid="batch.summary.states"] li[data-key="suggested"]'),
  ).toHaveAttribute('data-value', String(keys.length - 1))

  // The images with the most to review come first when asked; the folder's order comes back.
  await workspace.page.getByTestId('filmstrip.order').selectOption('most-pending')
  await expect(project.items.first()).toHaveAttribute('data-key', 'img2.png')
  const byPending = await project.items.evaluateAll((items) =>
    items.map((item) => [
      (item as HTMLElement).dataset['key'],
      (item as HTMLElement).dataset['pending'],
    ]),
  )
  expect(byPending.slice(0, 4)).toEqual([
    ['img2.png', '2'],
    ['img4.png', '2'],
    ['img6.jpg', '2'],
    ['img8.png', '2'],
  ])
  expect(byPending.at(-1)).toEqual([broken, '0'])
  await workspace.page.getByTestId('filmstrip.order').selectOption('folder')
  await expect(project.items.first()).toHaveAttribute('data-key', broken)

  await project.item('img2.png').click()
  await project.expectSelected('img2.png')
  await workspace.page.screenshot({ path: 'test-results/screenshots/batch-run.png' })

  // Retrying runs the failed image alone; it fails again before any request, for the same reason.
  const before = emulator.stats.inferences
  await workspace.page.getByTestId('batch.retry-failed').click()
  await expect(project.summary).toHaveAttribute('data-done', '0')
  await expect(project.summary).toHaveAttribute('data-failed', '1')
  expect(emulator.stats.inferences).toBe(before)
  await expect(workspace.errorBar).toHaveCount(0)
})

test('tries the images a failing server refused again after a pause, and says which recovered', async ({
  workspace,
  emulator,
  workDir,
}) => {
  await workspace.useServer(emulator.url)
  const { keys, broken, project } = await openShapesFolder(workspace, workDir, 'recovery')
  await workspace.page.getByTestId('prompt.classes').fill('red, blue')
  // Every request fails with a 500 until the first recovery pass is announced.
  emulator.setFaults({ error500: 1 })
  await project.runAll({ scope: 'all', concurrency: 2 })
  const good = keys.length - 1
  // The corrupt file is not retried; every other image waits for pass 1 (5 s after the queue ran dry).
  await expect(workspace.page.getByTestId('batch.rate')).toContainText(
    new RegExp(`^Retrying ${good} images that failed, pass 1 of 2, in \\d s$`),
    { timeout: 40_000 },
  )
  await workspace.page.screenshot({ path: 'test-results/screenshots/batch-recovery-wait.png' })
  emulator.setFaults({})
  await project.waitForRunEnd(40_000)
  await expect(project.summary).toHaveAttribute('data-done', String(good))
  await expect(project.summary).toHaveAttribute('data-recovered', String(good))
  await expect(project.summary).toHaveAttribute('data-failed', '1')
  const outcomes = workspace.page.getByTestId('batch.summary.outcomes').locator('li')
  await expect(outcomes).toHaveText([`${good} images recovered on a later pass`, '1 bad file'])
  const failure = workspace.page.getByTestId('batch.failure')
  await expect(failure).toHaveCount(1)
  await expect(failure).toHaveAttribute('data-key', broken)
  await expect(failure).toHaveAttribute('data-kind', 'bad-file')
  await expect(failure).toContainText('Bad file:')
  await expect(project.item('img2.png')).toHaveAttribute('data-status', 'suggested')
  await workspace.page.screenshot({ path: 'test-results/screenshots/batch-recovery-summary.png' })
})

test('moves with A and D, not while typing, and reopens where the user left off', async ({
  workspace,
  workDir,
}) => {
  const { project } = await openShapesFolder(workspace, workDir, 'walk')
  const keys = await project.items.evaluateAll((items) =>
    items.map((item) => (item as HTMLElement).dataset['key'] ?? ''),
  )
  // The first image in folder order is the corrupt one: selected, with the reason it cannot show.
  expect(keys[0]).toBe('broken.png')
  await project.expectSelected(keys[0]!, false)
  await expect(workspace.errorBar).toContainText('broken.png')
  await workspace.page.locator('body').click({ position: { x: 5, y: 790 } })

  await workspace.page.keyboard.press('d')
  await workspace.page.keyboard.press('d')
  await project.expectSelected(keys[2]!)
  await workspace.page.keyboard.press('a')
  await project.expectSelected(keys[1]!)
  await workspace.page.keyboard.press('a')
  await workspace.page.keyboard.press('a')
  await project.expectSelected(keys[0]!, false)
  await workspace.page.keyboard.press('d')
  await project.expectSelected(keys[1]!)

  // Typing a "d" into a field types it; it does not move to the next image.
  const field = workspace.page.getByTestId('prompt.classes')
  await field.fill('')
  await field.press('d')
  await expect(field).toHaveValue('d')
  await project.expectSelected(keys[1]!)

  await project.item(keys[4]!).click()
  await project.expectSelected(keys[4]!)
  await workspace.page.reload()
  await project.expectSelected(keys[4]!)
  await expect(workspace.page.getByTestId('project.current')).toContainText('walk')
})
