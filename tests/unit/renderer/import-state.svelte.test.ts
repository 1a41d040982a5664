import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ImportState } from '../../../src/renderer/src/state/import-state.svelte'
import { ProjectState } from '../../../src/renderer/src/state/project-state.svelte'
import type { ImportReport } from '../../../src/shared/contract'
import { createInProcessApi } from '../../support/in-process-api'
import { call, createTestServices } from '../../support/services'
import { makeShapesImage } from '../../support/test-images'

const open: Services[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** The real services behind the in-process api: a folder of two images and a COCO file for it. */
async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-import-state-'))
  const imagesDir = join(root, 'photos')
  await mkdir(imagesDir)
  for (const name of ['one.png', 'two.png']) {
    const { buffer } = await makeShapesImage({ width: 100, height: 80, shapes: [], format: 'png' })
    await writeFile(join(imagesDir, name), buffer)
  }
  const coco = join(root, 'coco.json')
  await writeFile(
    coco,
    JSON.stringify({
      images: [{ id: 1, file_name: 'two.png', width: 100, height: 80 }],
      categories: [{ id: 1, name: 'kite' }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [5, 5, 20, 10] }],
    }),
  )
  const services = createTestServices(join(root, 'data'))
  open.push(services)
  const api = createInProcessApi(services)
  const errors = new ErrorState()
  const project = new ProjectState(api, errors, () => {})
  const seen: { imported: ImportReport[]; goTo: string[] } = { imported: [], goTo: [] }
  const imports = new ImportState(api, errors, project, {
    imported: (report) => seen.imported.push(report),
    goTo: (key) => seen.goTo.push(key),
  })
  const stop = imports.listen()
  await project.openFolder(imagesDir)
  return { root, coco, services, project, imports, seen, stop }
}

describe('ImportState', () => {
  it('checks without writing, imports, then offers the first image it changed', async () => {
    const ws = await setup()
    ws.imports.show()
    expect(ws.imports.open).toBe(true)
    expect(ws.imports.canRun).toBe(false)
    ws.imports.setSource(ws.coco)
    await ws.imports.check()
    expect(ws.imports.preview).toMatchObject({ dryRun: true, labels: 1, newClasses: ['kite'] })
    expect(ws.seen.imported).toEqual([])
    const projectId = ws.project.info!.id
    const before = await call<{ doc: { boxes: unknown[] } }>(ws.services, 'annotations.get', {
      projectId,
      key: 'two.png',
    })
    expect(before.doc.boxes).toEqual([])

    await ws.imports.start()
    expect(ws.imports.preview).toBeNull()
    expect(ws.imports.result).toMatchObject({ dryRun: false, labels: 1, firstKey: 'two.png' })
    expect(ws.seen.imported[0]?.classes).toEqual(['kite'])
    const after = await call<{ doc: { boxes: { className: string }[] } }>(
      ws.services,
      'annotations.get',
      { projectId, key: 'two.png' },
    )
    expect(after.doc.boxes.map((b) => b.className)).toEqual(['kite'])

    ws.imports.goToFirst()
    expect(ws.seen.goTo).toEqual(['two.png'])
    expect(ws.imports.open).toBe(false)
    ws.stop()
  })

  it('shows a refusal in the dialog and forgets a check once the source changes', async () => {
    const ws = await setup()
    ws.imports.show()
    ws.imports.setSource(join(ws.root, 'missing.json'))
    await ws.imports.start()
    expect(ws.imports.error).toMatchObject({ code: 'not-found' })
    expect(ws.imports.result).toBeNull()
    expect(ws.seen.imported).toEqual([])

    ws.imports.setSource(ws.coco)
    expect(ws.imports.error).toBeNull()
    await ws.imports.check()
    expect(ws.imports.preview).not.toBeNull()
    ws.imports.setMode('replace')
    expect(ws.imports.preview).toBeNull()
    ws.imports.setFormat('yolo')
    await ws.imports.check()
    expect(ws.imports.error?.message).toContain('is not a YOLO dataset')
    ws.stop()
  })
})
