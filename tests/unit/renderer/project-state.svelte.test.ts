import { describe, expect, it, vi } from 'vitest'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ImageState } from '../../../src/renderer/src/state/image-state.svelte'
import { ProjectState } from '../../../src/renderer/src/state/project-state.svelte'
import { createFakeApi, fakeProject, imageEntries, ok, type Handlers } from './fake-api'

/** Project and navigation states wired as AppState wires them. */
function createProjectWorkspace(handlers: Handlers) {
  const fake = createFakeApi(handlers)
  const errors = new ErrorState()
  const shown: string[] = []
  const project: ProjectState = new ProjectState(fake.api, errors, (info, key) => {
    void image.restore(info, key)
  })
  const image = new ImageState(fake.api, errors, (info) => shown.push(info.name), project)
  const stop = project.list.listen()
  return { ...fake, errors, project, image, shown, stop }
}

/** main's `image.open` for any path: the image's id follows its name. */
const openByPath = ({ path }: { path: string }) => {
  const name = path.split('/').at(-1)!
  return ok({
    id: `id-${name}`,
    path,
    name,
    width: 640,
    height: 480,
    url: `app-image://image/id-${name}`,
    format: 'png',
  })
}

const callsTo = (calls: { channel: string; input: unknown }[], channel: string) =>
  calls.filter((c) => c.channel === channel).map((c) => c.input)

describe('ProjectState: opening folders', () => {
  it('shows the first image of a 100,000-image folder at once, fetching one page of the list', async () => {
    const backend = fakeProject(imageEntries(100_000), { scanning: true })
    const ws = createProjectWorkspace(backend.handlers)
    ws.project.folderDraft = '/images/photos'
    await ws.project.openFolder()
    await vi.waitFor(() => expect(ws.image.current?.name).toBe('img1.png'))
    expect(ws.image.currentKey).toBe('img1.png')
    expect(ws.image.currentIndex).toBe(0)
    expect(ws.project.list.total).toBe(100_000)
    expect(ws.project.list.scanning).toBe(true)
    expect(callsTo(ws.calls, 'project.images')).toEqual([
      { projectId: 'p1', offset: 0, limit: 100, filter: 'all', order: 'folder' },
    ])
    expect(ws.image.current?.path).toBe('/images/photos/img1.png')
    expect(ws.image.opened?.doc.key).toBe('img1.png')
  })

  it('reopens the last project where the user left off', async () => {
    const backend = fakeProject(imageEntries(30), { position: { imageKey: 'img7.png' } })
    const ws = createProjectWorkspace({
      ...backend.handlers,
      'app.info': () => ok({ name: 'x', version: '1', platform: 'linux', transport: 'electron' }),
      'project.recent': () =>
        ok([
          { dir: '/data/projects/p1', name: 'photos', imagesDir: '/images/photos', openedAt: '' },
        ]),
    })
    await ws.project.restore()
    await vi.waitFor(() => expect(ws.image.current?.name).toBe('img7.png'))
    expect(callsTo(ws.calls, 'project.open')).toEqual([{ projectDir: '/data/projects/p1' }])
    await vi.waitFor(() => expect(ws.image.currentIndex).toBe(6))
    expect(ws.project.canPick).toBe(true)
  })

  it('opens nothing on a first start, and offers no folder picker outside Electron', async () => {
    const ws = createProjectWorkspace({
      'app.info': () => ok({ name: 'x', version: '1', platform: 'linux', transport: 'bridge' }),
      'project.recent': () => ok([]),
    })
    await ws.project.restore()
    expect(ws.project.info).toBeNull()
    expect(ws.project.canPick).toBe(false)
  })

  it('opens an image by path as its folder’s project, with that image selected', async () => {
    const backend = fakeProject(imageEntries(12))
    const ws = createProjectWorkspace({
      ...backend.handlers,
      'image.open': ({ path }) =>
        ok({
          id: 'id-img5.png',
          path,
          name: 'img5.png',
          width: 640,
          height: 480,
          url: 'app-image://image/id-img5.png',
          format: 'png',
        }),
    })
    ws.image.pathDraft = '/images/photos/img5.png'
    await ws.image.openPath()
    await vi.waitFor(() => expect(ws.image.currentKey).toBe('img5.png'))
    expect(callsTo(ws.calls, 'project.openFolder')).toEqual([{ imagesDir: '/images/photos' }])
    expect(ws.image.current?.name).toBe('img5.png')
    // Shown once: the project's copy of the same image does not refit the view a second time.
    expect(ws.shown).toEqual(['img5.png'])
    await vi.waitFor(() => expect(backend.state.position).toEqual({ imageKey: 'img5.png' }))
  })

  it('opens a folder typed into the image path field', async () => {
    const backend = fakeProject(imageEntries(3))
    const ws = createProjectWorkspace(backend.handlers)
    ws.image.pathDraft = '/images/photos'
    await ws.image.openPath()
    expect(callsTo(ws.calls, 'project.openFolder')).toEqual([{ imagesDir: '/images/photos' }])
    await vi.waitFor(() => expect(ws.image.currentKey).toBe('img1.png'))
  })
})

describe('ImageState: moving through the project', () => {
  async function opened(entries = imageEntries(5)) {
    const backend = fakeProject(entries)
    const ws = createProjectWorkspace(backend.handlers)
    await ws.project.openFolder('/images/photos')
    await vi.waitFor(() => expect(ws.image.current).not.toBeNull())
    return { ...ws, backend }
  }

  it('goes to the next and previous image, saving the position every time', async () => {
    const ws = await opened()
    await ws.image.next()
    await ws.image.next()
    expect(ws.image.currentKey).toBe('img3.png')
    await ws.image.previous()
    expect(ws.image.current?.name).toBe('img2.png')
    expect(ws.image.currentIndex).toBe(1)
    await vi.waitFor(() => expect(ws.backend.state.position).toEqual({ imageKey: 'img2.png' }))
  })

  it('stays put at either end of the list', async () => {
    const ws = await opened(imageEntries(2))
    await ws.image.previous()
    expect(ws.image.currentKey).toBe('img1.png')
    await ws.image.next()
    await ws.image.next()
    expect(ws.image.currentKey).toBe('img2.png')
  })

  it('shows why an image cannot be opened, clears the canvas, and moves on from it', async () => {
    const entries = imageEntries(3)
    entries[1] = { ...entries[1]!, key: 'broken.png' }
    const ws = await opened(entries)
    await ws.image.next()
    expect(ws.image.currentKey).toBe('broken.png')
    expect(ws.image.current).toBeNull()
    expect(ws.errors.current).toMatchObject({ code: 'image-unsupported' })
    await ws.image.next()
    expect(ws.image.current?.name).toBe('img3.png')
    expect(ws.errors.current).toBeNull()
  })

  it('shows the image opened last when two images of a folder open before it has opened', async () => {
    const backend = fakeProject(imageEntries(12))
    let calls = 0
    const ws = createProjectWorkspace({
      ...backend.handlers,
      // The first open of a folder lists it (slow); opening it again answers at once.
      'project.openFolder': async () => {
        if (calls++ === 0) await new Promise((r) => setTimeout(r, 40))
        return backend.handlers['project.openFolder']()
      },
      'image.open': openByPath,
    })
    ws.image.pathDraft = '/images/photos/img2.png'
    const first = ws.image.openPath()
    ws.image.pathDraft = '/images/photos/img7.png'
    await ws.image.openPath()
    await first
    // The slow first answer came last, and changed nothing.
    expect(ws.image.currentKey).toBe('img7.png')
    await vi.waitFor(() => expect(ws.image.current?.name).toBe('img7.png'))
  })

  it('keeps a path the user is typing when the project’s copy of the shown image arrives', async () => {
    const backend = fakeProject(imageEntries(12))
    let release: (() => void) | null = null
    const ws = createProjectWorkspace({
      ...backend.handlers,
      'annotations.get': async (input) => {
        if (input.key === 'img2.png') await new Promise<void>((r) => (release = r))
        return backend.handlers['annotations.get'](input)
      },
      'image.open': openByPath,
    })
    ws.image.pathDraft = '/images/photos/img2.png'
    await ws.image.openPath()
    await vi.waitFor(() => expect(release).not.toBeNull())
    // The user types the next path while img2's document is still on its way.
    ws.image.pathDraft = '/images/photos/img9.png'
    release!()
    await vi.waitFor(() => expect(ws.image.opened?.doc.key).toBe('img2.png'))
    expect(ws.image.pathDraft).toBe('/images/photos/img9.png')
  })

  it('shows only the latest of quick navigations', async () => {
    const backend = fakeProject(imageEntries(5))
    const slow = backend.handlers['annotations.get']
    const ws = createProjectWorkspace({
      ...backend.handlers,
      'annotations.get': async (input) => {
        if (input.key === 'img2.png') await new Promise((r) => setTimeout(r, 30))
        return slow(input)
      },
    })
    await ws.project.openFolder('/images/photos')
    await vi.waitFor(() => expect(ws.image.current).not.toBeNull())
    const first = ws.image.goTo('img2.png', 1)
    await ws.image.goTo('img3.png', 2)
    await first
    expect(ws.image.current?.name).toBe('img3.png')
  })

  it('finds the row of an image reached by key alone (e.g. "next with pending")', async () => {
    const ws = await opened(imageEntries(450))
    await ws.image.goTo('img420.png')
    await vi.waitFor(() => expect(ws.image.currentIndex).toBe(419))
    await ws.image.next()
    expect(ws.image.currentKey).toBe('img421.png')
  })
})

describe('ImageListState: a live, filtered window of the list', () => {
  it('grows with the folder scan and fetches again the page that was short', async () => {
    const backend = fakeProject(imageEntries(40), { scanning: true })
    const ws = createProjectWorkspace(backend.handlers)
    await ws.project.openFolder('/images/photos')
    expect(ws.project.list.entryAt(39)?.key).toBe('img40.png')
    backend.state.entries = imageEntries(250)
    ws.emit('project.scan', { projectId: 'p1', found: 250, done: false })
    ws.project.list.show({ start: 0, end: 30 })
    await vi.waitFor(() => expect(ws.project.list.entryAt(99)?.key).toBe('img100.png'))
    expect(ws.project.list.total).toBe(250)
    expect(ws.project.list.scanning).toBe(true)
    ws.emit('project.scan', { projectId: 'p1', found: 250, done: true })
    expect(ws.project.list.scanning).toBe(false)
  })

  it('updates a badge as main reports it, without fetching the list again', async () => {
    const backend = fakeProject(imageEntries(5))
    const ws = createProjectWorkspace(backend.handlers)
    await ws.project.openFolder('/images/photos')
    const before = callsTo(ws.calls, 'project.images').length
    ws.emit('project.imageStatus', {
      projectId: 'p1',
      key: 'img2.png',
      status: 'suggested',
      pending: 4,
      kept: 0,
    })
    expect(ws.project.list.entryAt(1)).toEqual({
      key: 'img2.png',
      status: 'suggested',
      pending: 4,
      kept: 0,
    })
    ws.emit('project.imageStatus', {
      projectId: 'other',
      key: 'img3.png',
      status: 'failed',
      pending: 0,
      kept: 0,
    })
    expect(ws.project.list.entryAt(2)?.status).toBe('not-run')
    expect(callsTo(ws.calls, 'project.images')).toHaveLength(before)
  })

  it('filters by badge, and moves on from an image that left the filtered list', async () => {
    const entries = imageEntries(6).map((e, i) =>
      i % 2 === 0 ? { ...e, status: 'suggested' as const, pending: 2 } : e,
    )
    const backend = fakeProject(entries)
    const ws = createProjectWorkspace(backend.handlers)
    await ws.project.openFolder('/images/photos')
    await ws.project.list.setFilter('suggested')
    expect(ws.project.list.total).toBe(3)
    await ws.image.goTo('img3.png', 1)
    // The user reviews img3: it is no longer "to review" and drops out of the list.
    backend.state.entries = backend.state.entries.map((e) =>
      e.key === 'img3.png' ? { ...e, status: 'reviewed' as const, pending: 0, kept: 2 } : e,
    )
    ws.emit('project.imageStatus', {
      projectId: 'p1',
      key: 'img3.png',
      status: 'reviewed',
      pending: 0,
      kept: 2,
    })
    await vi.waitFor(() => expect(ws.project.list.total).toBe(2))
    await ws.image.next()
    expect(ws.image.currentKey).toBe('img5.png')
  })

  it('answers a row asked for while its page is already on its way', async () => {
    const ws = createProjectWorkspace(fakeProject(imageEntries(5)).handlers)
    await ws.project.openFolder('/images/photos')
    // A filter change sends for the first page; asking for row 0 meanwhile waits for that answer.
    const filtering = ws.project.list.setFilter('not-run')
    expect(await ws.project.list.keyAt(0)).toBe('img1.png')
    await filtering
  })

  it('counts images per badge over the whole project', async () => {
    const entries = imageEntries(5)
    entries[0] = { ...entries[0]!, status: 'failed' }
    entries[1] = { ...entries[1]!, status: 'reviewed', kept: 1 }
    const ws = createProjectWorkspace(fakeProject(entries).handlers)
    await ws.project.openFolder('/images/photos')
    expect(await ws.project.list.countByStatus()).toEqual({
      'not-run': 3,
      suggested: 0,
      empty: 0,
      reviewed: 1,
      failed: 1,
    })
  })
})
