import { describe, expect, it } from 'vitest'
import {
  describeKey,
  formatOf,
  isImageName,
  joinKey,
  keyOf,
  splitPath,
} from '../../../src/renderer/src/core/project-paths'

describe('project paths', () => {
  it('splits POSIX and Windows paths at the last separator', () => {
    expect(splitPath('/home/ana/fotos/ü 1.jpg')).toEqual({
      dir: '/home/ana/fotos',
      name: 'ü 1.jpg',
    })
    expect(splitPath('C:\\fotos\\a.png')).toEqual({ dir: 'C:\\fotos', name: 'a.png' })
    expect(splitPath('/a.png')).toEqual({ dir: '/', name: 'a.png' })
    expect(splitPath('/home/ana/fotos/')).toEqual({ dir: '/home/ana', name: 'fotos' })
  })

  it('tells image files from folders by extension, as the folder scan does', () => {
    expect(isImageName('x.JPG')).toBe(true)
    expect(isImageName('scan.tiff')).toBe(true)
    expect(isImageName('notes.txt')).toBe(false)
    expect(isImageName('fotos')).toBe(false)
    expect(formatOf('a/b.jpg')).toBe('jpeg')
  })

  it('turns keys into paths and paths into keys, `/`-separated inside the project', () => {
    expect(joinKey('/images/photos', 'sub/a.png')).toBe('/images/photos/sub/a.png')
    expect(joinKey('C:\\photos', 'sub/a.png')).toBe('C:\\photos\\sub\\a.png')
    expect(keyOf('/images/photos', '/images/photos/sub/a.png')).toBe('sub/a.png')
    expect(keyOf('C:\\photos', 'C:\\photos\\sub\\a.png')).toBe('sub/a.png')
    expect(keyOf('/images/photos', '/images/photos-2/a.png')).toBeNull()
  })

  it('shows a key as its file name and subfolder', () => {
    expect(describeKey('2024/day 1/a.png')).toEqual({ name: 'a.png', folder: '2024/day 1' })
    expect(describeKey('a.png')).toEqual({ name: 'a.png', folder: '' })
  })
})
