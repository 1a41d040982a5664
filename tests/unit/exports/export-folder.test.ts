import { chmod, mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import { proposeExportFolder } from '../../../src/main/services/exports/export-folder'
import { call, createTestServices } from '../../support/services'

/** Root bypasses permission bits, so a read-only folder is writable to it: that case needs a user. */
const isRoot = process.getuid?.() === 0

/** A home with Documents, the app's resources with its samples, and a user's photo folder. */
async function places() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-export-folder-'))
  const home = join(root, 'home')
  const documents = join(home, 'Documents')
  const resources = join(root, 'app', 'resources')
  await mkdir(documents, { recursive: true })
  await mkdir(join(resources, 'samples'), { recursive: true })
  await mkdir(join(home, 'shoots', 'beach'), { recursive: true })
  const data = join(home, '.config', 'Promptlabel')
  return {
    root,
    home,
    documents,
    resources,
    photos: join(home, 'shoots', 'beach'),
    places: { appDirs: [data, resources], documentsDir: documents, homeDir: home },
  }
}

describe('the folder an export is proposed in', () => {
  it('is the images folder’s parent when the user can write there', async () => {
    const p = await places()
    expect(await proposeExportFolder(p.photos, p.places)).toBe(join(p.home, 'shoots'))
  })

  it('is Documents for the bundled samples: their parent is the app’s own resources folder', async () => {
    const p = await places()
    expect(await proposeExportFolder(join(p.resources, 'samples'), p.places)).toBe(p.documents)
    // Reached through a symbolic link to the resources, the samples are still the app's.
    const linked = join(p.root, 'elsewhere')
    await mkdir(linked)
    await symlink(p.resources, join(linked, 'res'))
    expect(await proposeExportFolder(join(linked, 'res', 'samples'), p.places)).toBe(p.documents)
  })

  it.skipIf(isRoot)('is Documents when the parent is read-only', async () => {
    const p = await places()
    const locked = join(p.root, 'locked')
    await mkdir(join(locked, 'photos'), { recursive: true })
    await chmod(locked, 0o555)
    try {
      expect(await proposeExportFolder(join(locked, 'photos'), p.places)).toBe(p.documents)
    } finally {
      await chmod(locked, 0o755)
    }
  })

  it('is Documents when the parent is gone, and home when there is no Documents folder', async () => {
    const p = await places()
    const gone = join(p.root, 'unplugged-disk', 'photos')
    expect(await proposeExportFolder(gone, p.places)).toBe(p.documents)
    const noDocuments = { ...p.places, documentsDir: join(p.home, 'Dokumente') }
    expect(await proposeExportFolder(join(p.resources, 'samples'), noDocuments)).toBe(p.home)
    // A file where Documents should be is no folder to export into either.
    await writeFile(join(p.home, 'Docs'), 'not a folder')
    const fileDocuments = { ...p.places, documentsDir: join(p.home, 'Docs') }
    expect(await proposeExportFolder(gone, fileDocuments)).toBe(p.home)
  })
})

describe('export.suggestFolder', () => {
  const open: Services[] = []
  afterEach(async () => {
    while (open.length) await open.pop()!.close()
  })

  it('answers for an open project with the platform’s resources and home', async () => {
    const p = await places()
    const services = createTestServices(join(p.root, 'data'), {
      resourcesDir: p.resources,
      homeDir: p.home,
    })
    open.push(services)
    const samples = await call<{ id: string }>(services, 'project.openFolder', {
      imagesDir: join(p.resources, 'samples'),
    })
    // Documents defaults to home/Documents when the platform does not name it.
    await expect(
      call(services, 'export.suggestFolder', { projectId: samples.id }),
    ).resolves.toEqual({ folder: p.documents })
    const beach = await call<{ id: string }>(services, 'project.openFolder', {
      imagesDir: p.photos,
    })
    await expect(call(services, 'export.suggestFolder', { projectId: beach.id })).resolves.toEqual({
      folder: join(p.home, 'shoots'),
    })
  })
})
