import { describe, expect, it } from 'vitest'
import {
  countBoxes,
  entryFromRecords,
  ImageIndex,
} from '../../../src/main/services/projects/image-index'
import type { AnnotationBox } from '../../../src/shared/annotations'
import type { ImageEntry } from '../../../src/shared/project'

const entry = (key: string, pending: number, lowest?: number, kept = 0): ImageEntry => ({
  key,
  status: pending > 0 ? 'suggested' : kept > 0 ? 'reviewed' : 'not-run',
  pending,
  kept,
  ...(lowest === undefined ? {} : { lowest }),
})

function indexOf(entries: ImageEntry[]): ImageIndex {
  const index = new ImageIndex()
  for (const e of entries) index.add(e)
  return index
}

const keys = (page: { items: ImageEntry[] }) => page.items.map((e) => e.key)

describe('ImageIndex orders', () => {
  const folder = [
    entry('a', 0, undefined, 2),
    entry('b', 3, 0.8),
    entry('c', 1, 0.2),
    entry('d', 0),
    entry('e', 3, 0.5),
    entry('f', 2),
  ]

  it('lists the most suggestions to review first, ties in folder order', () => {
    const page = indexOf(folder).page(0, 10, 'all', 'most-pending')
    expect(keys(page)).toEqual(['b', 'e', 'f', 'c', 'a', 'd'])
  })

  it('lists the least sure first: by lowest score, then unscored suggestions, then the rest', () => {
    const index = indexOf(folder)
    expect(keys(index.page(0, 10, 'all', 'least-confident'))).toEqual([
      'c',
      'e',
      'b',
      'f',
      'a',
      'd',
    ])
    expect(keys(index.page(1, 2, 'pending', 'least-confident'))).toEqual(['e', 'b'])
    expect(index.page(0, 10, 'pending', 'least-confident').total).toBe(4)
    expect(keys(index.page(0, 10, 'all', 'folder'))).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
  })

  it('sorts again once a badge changes, and "next to review" follows the order shown', () => {
    const index = indexOf(folder)
    expect(keys(index.page(0, 2, 'all', 'least-confident'))).toEqual(['c', 'e'])
    index.set(entry('c', 0, undefined, 1))
    expect(keys(index.page(0, 2, 'all', 'least-confident'))).toEqual(['e', 'b'])
    const pending = (e: ImageEntry) => e.pending > 0
    expect(index.next('e', pending, 'least-confident')).toBe('b')
    expect(index.next('f', pending, 'least-confident')).toBe('e')
    expect(index.next('e', pending, 'folder')).toBe('f')
  })
})

describe('lowest pending score', () => {
  const box = (state: AnnotationBox['state'], confidence: number | null): AnnotationBox => ({
    id: `${state}${confidence}`,
    className: 'cat',
    box: { x: 0, y: 0, width: 1, height: 1 },
    confidence,
    source: confidence === null ? 'user' : 'model',
    state,
  })

  it('comes from pending suggestions only', () => {
    expect(
      countBoxes({ boxes: [box('accepted', 0.1), box('suggested', 0.6), box('suggested', 0.4)] }),
    ).toEqual({ pending: 2, kept: 1, rejected: 0, lowest: 0.4 })
    expect(countBoxes({ boxes: [box('accepted', 0.1), box('rejected', 0.2)] })).toEqual({
      pending: 0,
      kept: 1,
      rejected: 1,
    })
  })

  it('is known from the records before any document is opened', () => {
    const at = '2026-11-22T00:00:00.000Z'
    expect(
      entryFromRecords('a', {
        v: 1,
        key: 'a',
        runId: 'r',
        runKey: 'k',
        status: 'done',
        width: 10,
        height: 10,
        at,
        detections: [
          { id: '1', className: 'cat', confidence: 0.7, box: { x: 0, y: 0, width: 1, height: 1 } },
          { id: '2', className: 'cat', confidence: 0.3, box: { x: 2, y: 2, width: 1, height: 1 } },
        ],
      }),
    ).toMatchObject({ pending: 2, lowest: 0.3 })
    expect(
      entryFromRecords('a', undefined, { key: 'a', pending: 1, kept: 0, lowest: 0.5, at }),
    ).toMatchObject({
      lowest: 0.5,
    })
  })
})
