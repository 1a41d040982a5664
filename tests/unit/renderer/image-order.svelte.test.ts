import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Services } from '../../../src/main/services'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ProjectState } from '../../../src/renderer/src/state/project-state.svelte'
import type { AnnotationBox } from '../../../src/shared/annotations'
import { createInProcessApi } from '../../support/in-process-api'
import { writeImages } from '../../support/import-fixtures'
import { call, createTestServices } from '../../support/services'

const open: Services[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

const suggestion = (id: string, confidence: number): AnnotationBox => ({
  id,
  className: 'cat',
  box: { x: 1, y: 1, width: 5, height: 5 },
  confidence,
  source: 'model',
  state: 'suggested',
})

/** Five images over the real services; b has 3 suggestions (lowest 0.7), d 1 (0.2), e 2 (0.5). */
async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-order-'))
  const imagesDir = join(root, 'images')
  await writeImages(
    imagesDir,
    ['a', 'b', 'c', 'd', 'e'].map((name) => [`${name}.png`, 40, 30] as const),
  )
  const services = createTestServices(join(root, 'data'))
  open.push(services)
  const api = createInProcessApi(services)
  const project = new ProjectState(api, new ErrorState(), () => {})
  const stop = project.list.listen()
  const info = await project.openFolder(imagesDir)
  const save = (key: string, boxes: AnnotationBox[]) =>
    call(services, 'annotations.save', { projectId: info!.id, key, boxes })
  await save('b.png', [suggestion('b1', 0.9), suggestion('b2', 0.7), suggestion('b3', 0.8)])
  await save('d.png', [suggestion('d1', 0.2)])
  await save('e.png', [suggestion('e1', 0.5), suggestion('e2', 0.6)])
  return { services, project, projectId: info!.id, save, stop }
}

const shown = (project: ProjectState) =>
  Array.from({ length: project.list.total }, (_, i) => project.list.entryAt(i)?.key)

describe('the filmstrip order', () => {
  it('lists the least sure or the most to review first, and keeps up as boxes are reviewed', async () => {
    const ws = await setup()
    await ws.project.list.setOrder('least-confident')
    expect(shown(ws.project)).toEqual(['d.png', 'e.png', 'b.png', 'a.png', 'c.png'])
    await ws.project.list.setOrder('most-pending')
    expect(shown(ws.project)).toEqual(['b.png', 'e.png', 'd.png', 'a.png', 'c.png'])

    // Reviewing d's only suggestion moves it to the end of the least-sure order.
    await ws.project.list.setOrder('least-confident')
    await ws.save('d.png', [{ ...suggestion('d1', 0.2), state: 'accepted' }])
    await vi.waitFor(() =>
      expect(shown(ws.project)).toEqual(['e.png', 'b.png', 'a.png', 'c.png', 'd.png']),
    )
    expect(
      await call(ws.services, 'review.nextPending', {
        projectId: ws.projectId,
        afterKey: 'e.png',
        order: 'least-confident',
      }),
    ).toEqual({ key: 'b.png' })
    await ws.project.list.setOrder('folder')
    expect(shown(ws.project)).toEqual(['a.png', 'b.png', 'c.png', 'd.png', 'e.png'])
    ws.stop()
  })
})
