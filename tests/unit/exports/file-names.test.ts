import { describe, expect, it } from 'vitest'
import {
  findCollisions,
  flattenKeys,
  makeUnique,
  replaceExtension,
} from '../../../src/main/services/exports/file-names'

describe('export file names', () => {
  it('replaces only the last extension, keeping sub-folders (as Ultralytics pairs labels)', () => {
    expect(replaceExtension('a/b.c/d.tar.jpg', '.txt')).toBe('a/b.c/d.tar.txt')
    expect(replaceExtension('a/.hidden', '.txt')).toBe('a/.hidden.txt')
    expect(replaceExtension('noext', '.xml')).toBe('noext.xml')
  })

  it('keeps bare names when flattening unless two images share one', () => {
    const flat = flattenKeys([
      'z/bird.jpg',
      'x/cat.jpg',
      'y/cat.jpg',
      'y/dog.jpg',
      'Y/DOG.JPG',
      'x_cat.jpg',
    ])
    expect([...flat.values()]).toEqual([
      'bird.jpg',
      'x_cat.jpg',
      'y_cat.jpg',
      'y_dog.jpg',
      // Same name as y_dog.jpg on a case-insensitive disk.
      'Y_DOG-2.JPG',
      // 'x_cat.jpg' is already taken by the flattened x/cat.jpg.
      'x_cat-2.jpg',
    ])
  })

  it('numbers repeats case-insensitively, as macOS and Windows folders compare names', () => {
    expect(makeUnique(['a.png', 'A.png', 'b/a.png', 'a.png'])).toEqual([
      'a.png',
      'A-2.png',
      'b/a.png',
      'a-3.png',
    ])
  })

  it('groups keys whose derived files would collide', () => {
    expect(findCollisions(['a.jpg', 'a.png', 'b.jpg'], (k) => replaceExtension(k, '.txt'))).toEqual(
      [['a.jpg', 'a.png']],
    )
  })
})
