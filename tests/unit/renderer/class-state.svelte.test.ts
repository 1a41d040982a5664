import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Services } from '../../../src/main/services'
import { classColor } from '../../../src/renderer/src/core/palette'
import { AnnotationState } from '../../../src/renderer/src/state/annotation-state.svelte'
import { ClassState } from '../../../src/renderer/src/state/class-state.svelte'
import { ErrorState } from '../../../src/renderer/src/state/error-state.svelte'
import { ProjectState } from '../../../src/renderer/src/state/project-state.svelte'
import { ToolState } from '../../../src/renderer/src/state/tool-state.svelte'
import { createInProcessApi } from '../../support/in-process-api'
import { writeImages } from '../../support/import-fixtures'
import { call, createTestServices } from '../../support/services'

const open: Services[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** The project, class list, boxes and tools wired as AppState wires them, over the real services. */
function workspace(services: Services) {
  const api = createInProcessApi(services)
  const errors = new ErrorState()
  const project = new ProjectState(api, errors, () => {})
  const classes = new ClassState({
    project: () => project.info,
    persist: (projectId, names) => void project.saveClasses(projectId, names),
  })
  const annotations = new AnnotationState(api, errors)
  const tools = new ToolState(annotations, classes)
  const stop = project.listen()
  return { api, errors, project, classes, annotations, tools, stop }
}

async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-classes-'))
  const imagesDir = join(root, 'images')
  await writeImages(imagesDir, [['a.png', 40, 30] as const, ['b.png', 40, 30] as const])
  const services = createTestServices(join(root, 'data'))
  open.push(services)
  return { root, imagesDir, services }
}

const fileClasses = async (dir: string): Promise<string[]> => {
  const file = JSON.parse(await readFile(join(dir, 'promptlabel-project.json'), 'utf8')) as {
    classes: { name: string }[]
  }
  return file.classes.map((c) => c.name)
}

describe('ClassState: a class keeps its number and colour for the life of the project', () => {
  it('appends a new class after the run’s classes, across a reload and another writer', async () => {
    const { imagesDir, services } = await setup()
    const ws = workspace(services)
    const info = (await ws.project.openFolder(imagesDir))!
    // A run of "red, blue" registers its classes in the user's order (DetectionState does this).
    ws.classes.register(['red', 'blue'])
    const before = { red: ws.classes.colorOf('red'), blue: ws.classes.colorOf('blue') }
    expect(before).toEqual({ red: classColor(0), blue: classColor(1) })

    ws.tools.addClass('yellow')
    // The new class is number 3; red and blue keep 1 and 2 and their colours.
    expect(ws.tools.classes).toEqual(['red', 'blue', 'yellow'])
    expect(ws.tools.drawClass).toBe('yellow')
    expect({ red: ws.classes.colorOf('red'), blue: ws.classes.colorOf('blue') }).toEqual(before)
    await vi.waitFor(async () =>
      expect(await fileClasses(info.dir)).toEqual(['red', 'blue', 'yellow']),
    )

    // The command line (or an import) appends a class while the window has the project open.
    await call(services, 'project.update', { projectId: info.id, classes: ['green'] })
    await vi.waitFor(() => expect(ws.classes.classes).toEqual(['red', 'blue', 'yellow', 'green']))

    // A reload opens the project with the same list, in the same order.
    ws.stop()
    const again = workspace(services)
    await again.project.openFolder(imagesDir)
    expect(again.classes.classes).toEqual(['red', 'blue', 'yellow', 'green'])
    expect(again.classes.colorOf('yellow')).toBe(classColor(2))
    again.stop()
  })

  it('lists a class found on a saved document before the user sees it, at the end', async () => {
    const { imagesDir, services } = await setup()
    const ws = workspace(services)
    const info = (await ws.project.openFolder(imagesDir))!
    ws.classes.register(['cat'])
    await vi.waitFor(async () => expect(await fileClasses(info.dir)).toEqual(['cat']))
    await call(services, 'annotations.save', {
      projectId: info.id,
      key: 'a.png',
      boxes: [
        {
          id: 'z',
          className: 'zebra',
          box: { x: 1, y: 1, width: 5, height: 5 },
          confidence: null,
          source: 'user',
          state: 'accepted',
        },
      ],
    })
    await vi.waitFor(() => expect(ws.classes.classes).toEqual(['cat', 'zebra']))
    ws.stop()
  })
})

describe('ToolState: the class of a drawn box is chosen, never taken silently', () => {
  it('keeps a drawn box out of the document until the label picker answers', async () => {
    const { imagesDir, services } = await setup()
    const ws = workspace(services)
    const info = (await ws.project.openFolder(imagesDir))!
    ws.classes.register(['red', 'blue'])
    await ws.annotations.follow({
      projectId: info.id,
      key: 'a.png',
      imageId: 'img-a',
      width: 40,
      height: 30,
    })
    expect(ws.tools.askClass).toBe(true)
    ws.tools.draw({ x: 2, y: 2, width: 10, height: 10 })
    expect(ws.annotations.boxes).toEqual([])
    expect(ws.tools.pendingBox).toEqual({ x: 2, y: 2, width: 10, height: 10 })

    // Dismissed: nothing is saved and nothing is left waiting.
    ws.tools.cancelPending()
    expect(ws.tools.pendingBox).toBeNull()
    expect(ws.annotations.boxes).toEqual([])

    // A new class typed in the picker is appended to the list and given to the box.
    ws.tools.draw({ x: 2, y: 2, width: 10, height: 10 })
    expect(ws.tools.placePending('  yellow   circle ')).toBe(true)
    expect(ws.annotations.boxes).toMatchObject([{ className: 'yellow circle', source: 'user' }])
    expect(ws.classes.classes).toEqual(['red', 'blue', 'yellow circle'])
    expect(ws.tools.drawClass).toBe('yellow circle')

    // Typing a new class while the box is selected makes it the next box's class, nothing more.
    ws.tools.addClass('green')
    expect(ws.annotations.boxes).toMatchObject([{ className: 'yellow circle' }])
    expect(ws.tools.drawClass).toBe('green')

    // With "ask" off, the class shown beside the Draw tool is used.
    ws.tools.setAskClass(false)
    ws.annotations.select([])
    ws.tools.pickClass(1)
    ws.tools.draw({ x: 20, y: 5, width: 8, height: 8 })
    expect(ws.annotations.boxes.map((b) => b.className)).toEqual(['yellow circle', 'blue'])
    ws.stop()
  })

  it('drops a box left waiting when the user moves to another image', async () => {
    const { imagesDir, services } = await setup()
    const ws = workspace(services)
    const info = (await ws.project.openFolder(imagesDir))!
    const at = (key: string) => ({
      projectId: info.id,
      key,
      imageId: `img-${key}`,
      width: 40,
      height: 30,
    })
    await ws.annotations.follow(at('a.png'))
    ws.tools.draw({ x: 2, y: 2, width: 10, height: 10 })
    await ws.annotations.follow(at('b.png'))
    expect(ws.tools.pendingBox).toBeNull()
    expect(ws.tools.placePending('red')).toBe(false)
    expect(ws.annotations.boxes).toEqual([])
    ws.stop()
  })
})
