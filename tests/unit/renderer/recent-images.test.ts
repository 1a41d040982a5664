import { describe, expect, it } from 'vitest'
import { rememberImage } from '../../../src/renderer/src/core/recent-images'

const img = (id: string, path = `/img/${id}.png`) => ({ id, path })

describe('rememberImage', () => {
  it('appends new images in the order they were opened', () => {
    const list = rememberImage(rememberImage([], img('a')), img('b'))
    expect(list.map((i) => i.id)).toEqual(['a', 'b'])
  })

  it('keeps a reopened image once, in its first place, with its new details', () => {
    const list = rememberImage([img('a'), img('b')], { id: 'a2', path: '/img/a.png' })
    expect(list).toEqual([{ id: 'a2', path: '/img/a.png' }, img('b')])
  })

  it('drops the oldest past the limit', () => {
    const list = rememberImage([img('a'), img('b'), img('c')], img('d'), 3)
    expect(list.map((i) => i.id)).toEqual(['b', 'c', 'd'])
  })
})
