import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Services } from '../../../src/main/services'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ExportState } from '../../../src/renderer/src/state/export-state.svelte'
import { ProjectState } from '../../../src/renderer/src/state/project-state.svelte'
import { createInProcessApi } from '../../support/in-process-api'
import { createTestServices } from '../../support/services'
import { makeShapesImage } from '../../support/test-images'

const open: Services[] = []
const stops: (() => void)[] = []
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop())
  while (open.length) await open.pop()!.close()
})

/**
 * The real services with an app whose resources hold the samples, a home with Documents, and a
 * user's folder "photos"; one image in each folder.
 */
async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-export-target-state-'))
  const resources = join(root, 'app', 'resources')
  const home = join(root, 'home')
  const folders = { samples: join(resources, 'samples'), photos: join(home, 'photos') }
  await mkdir(join(home, 'Documents'), { recursive: true })
  for (const dir of Object.values(folders)) {
    await mkdir(dir, { recursive: true })
    const { buffer } = await makeShapesImage({ width: 40, height: 30, format: 'png', shapes: [] })
    await writeFile(join(dir, 'a.png'), buffer)
  }
  const services = createTestServices(join(root, 'data'), {
    resourcesDir: resources,
    homeDir: home,
  })
  open.push(services)
  const api = createInProcessApi(services)
  const errors = new ErrorState()
  const project = new ProjectState(api, errors, () => {})
  const exports = new ExportState(api, errors, project)
  stops.push(exports.listen())
  return { root, resources, home, folders, errors, project, exports }
}

describe('ExportState over the real services', () => {
  it('proposes Documents for the samples, never the app’s resources folder', async () => {
    const ws = await setup()
    await ws.project.openFolder(ws.folders.samples)
    await ws.exports.show()
    expect(ws.exports.target).toBe(join(ws.home, 'Documents', 'samples-coco.json'))
    ws.exports.setFormat('yolo')
    expect(ws.exports.target).toBe(join(ws.home, 'Documents', 'samples-yolo'))
    expect(ws.errors.current).toBeNull()
  })

  it('proposes the place beside a folder of the user’s own', async () => {
    const ws = await setup()
    await ws.project.openFolder(ws.folders.photos)
    await ws.exports.show()
    expect(ws.exports.target).toBe(join(ws.home, 'photos-coco.json'))
  })

  it('exports into an existing folder under the default name and shows the path written', async () => {
    const ws = await setup()
    await ws.project.openFolder(ws.folders.photos)
    await ws.exports.show()
    const out = join(ws.root, 'exports')
    await mkdir(out)
    ws.exports.setTarget(out)
    ws.exports.imageChoice = 'all'
    await ws.exports.start()
    await vi.waitFor(() => expect(ws.exports.result).not.toBeNull())
    expect(ws.exports.result).toMatchObject({ error: null, path: join(out, 'photos-coco.json') })
    expect(ws.exports.result?.warnings).toEqual([
      '“Save as” named a folder, so the file was written inside it as photos-coco.json.',
    ])
    expect(await readdir(out)).toEqual(['photos-coco.json'])
  })
})
