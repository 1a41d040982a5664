import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { emptyAnnotations } from '../../../src/shared/annotations'
import { withClasses } from '../../../src/main/services/projects/project-file'
import { annotationPath, ProjectStore } from '../../../src/main/services/projects/project-store'

const tempDir = () => mkdtemp(join(tmpdir(), 'promptlabel-project-'))

describe('project store', () => {
  it('creates a project for a folder, and reopens it with what was saved', async () => {
    const dir = await tempDir()
    const store = await ProjectStore.openOrCreate(join(dir, 'out'), join(dir, 'photos'))
    await store.update((f) =>
      withClasses({ ...f, position: { imageKey: 'b.jpg' } }, ['dog', 'cat', 'dog']),
    )
    const again = await ProjectStore.openOrCreate(join(dir, 'out'))
    expect(again.file).toMatchObject({
      name: 'photos',
      imagesDir: join(dir, 'photos'),
      classes: [{ name: 'dog' }, { name: 'cat' }],
      position: { imageKey: 'b.jpg' },
    })
  })

  it('keeps what another process wrote meanwhile (the command line, with the app open)', async () => {
    const dir = await tempDir()
    const app = await ProjectStore.openOrCreate(join(dir, 'out'), join(dir, 'photos'))
    await app.update((f) => withClasses(f, ['dog']))
    const cli = await ProjectStore.openOrCreate(join(dir, 'out'))
    await cli.update((f) => withClasses(f, ['cat', 'bird']))
    // The app still holds its older copy; its next change lands on top of the command line's.
    await app.update((f) => ({ ...f, position: { imageKey: 'a.jpg' } }))
    expect(app.file.classes.map((c) => c.name)).toEqual(['dog', 'cat', 'bird'])
    const again = await ProjectStore.openOrCreate(join(dir, 'out'))
    expect(again.file.classes.map((c) => c.name)).toEqual(['dog', 'cat', 'bird'])
    expect(again.file.position).toEqual({ imageKey: 'a.jpg' })
  })

  it('writes nothing over a project file a newer version saved meanwhile', async () => {
    const dir = await tempDir()
    const store = await ProjectStore.openOrCreate(join(dir, 'out'), join(dir, 'photos'))
    const path = join(dir, 'out', 'promptlabel-project.json')
    const newer = { ...JSON.parse(await readFile(path, 'utf8')), formatVersion: 99 }
    await writeFile(path, JSON.stringify(newer))
    await expect(store.update((f) => withClasses(f, ['dog']))).rejects.toMatchObject({
      code: 'storage-corrupt',
    })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(newer)
  })

  it('refuses to reuse a project folder for a different image folder', async () => {
    const dir = await tempDir()
    await ProjectStore.openOrCreate(join(dir, 'out'), join(dir, 'a'))
    await expect(ProjectStore.openOrCreate(join(dir, 'out'), join(dir, 'b'))).rejects.toMatchObject(
      { code: 'invalid-input' },
    )
  })

  it('keeps a damaged project file as it is and says so', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'promptlabel-project.json'), '{"formatVersion":1,')
    await expect(ProjectStore.openOrCreate(dir, join(dir, 'imgs'))).rejects.toMatchObject({
      code: 'storage-corrupt',
    })
    expect(await readFile(join(dir, 'promptlabel-project.json'), 'utf8')).toBe(
      '{"formatVersion":1,',
    )
  })

  it('writes each image’s annotations atomically in a fanned-out folder and reads them back', async () => {
    const dir = await tempDir()
    const store = await ProjectStore.openOrCreate(dir, join(dir, 'imgs'))
    const doc = emptyAnnotations('sub/фото.jpg', 640, 480)
    await store.writeAnnotations(doc)
    expect(await store.readAnnotations('sub/фото.jpg')).toEqual(doc)
    expect(await store.readAnnotations('missing.jpg')).toBeNull()
    const folder = join(annotationPath(dir, 'sub/фото.jpg'), '..')
    expect((await readdir(folder)).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })
})
