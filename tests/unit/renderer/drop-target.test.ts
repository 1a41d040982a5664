import { describe, expect, it } from 'vitest'
import { dropTarget } from '../../../src/renderer/src/core/drop-target'

const file = (path: string | null, name = path?.split(/[\\/]/).pop() ?? 'x') => ({
  name,
  path,
  isDirectory: false,
})
const folder = (path: string) => ({ name: path.split('/').pop()!, path, isDirectory: true })

describe('dropTarget: what a drop on the window opens', () => {
  it('opens a dropped folder as a project, before any image dropped with it', () => {
    expect(dropTarget([file('/home/me/a.jpg'), folder('/home/me/shoot-3')])).toEqual({
      kind: 'folder',
      dir: '/home/me/shoot-3',
    })
  })

  it('opens the folder of a dropped image at that image', () => {
    expect(dropTarget([file('/home/me/shoot/IMG_0042.JPG')])).toEqual({
      kind: 'image',
      dir: '/home/me/shoot',
      key: 'IMG_0042.JPG',
    })
    expect(dropTarget([file('C:\\Users\\me\\shoot\\cat.png')])).toEqual({
      kind: 'image',
      dir: 'C:\\Users\\me\\shoot',
      key: 'cat.png',
    })
  })

  it('skips files that are not images, and names them when nothing else was dropped', () => {
    expect(dropTarget([file('/home/me/notes.txt'), file('/home/me/b.webp')])).toMatchObject({
      kind: 'image',
      key: 'b.webp',
    })
    expect(dropTarget([file('/home/me/notes.txt')])).toEqual({
      kind: 'unsupported',
      names: ['notes.txt'],
    })
  })

  it('imports a dropped COCO file or YOLO data.yaml, after any image dropped with it', () => {
    expect(dropTarget([file('/home/me/cvat/instances_default.JSON')])).toEqual({
      kind: 'annotations',
      format: 'coco',
      path: '/home/me/cvat/instances_default.JSON',
    })
    expect(dropTarget([file('/home/me/notes.txt'), file('/data/set/data.yaml')])).toEqual({
      kind: 'annotations',
      format: 'yolo',
      path: '/data/set/data.yaml',
    })
    expect(dropTarget([file('/a/x.json'), file('/a/b.png')])).toMatchObject({ kind: 'image' })
  })

  it('reports that a browser gave no paths at all (the web build)', () => {
    expect(dropTarget([file(null, 'holiday.png')])).toEqual({ kind: 'no-paths' })
  })
})
