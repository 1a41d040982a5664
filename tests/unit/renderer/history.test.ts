import { describe, expect, it } from 'vitest'
import { applyPatch, diffLists } from '../../../src/renderer/src/core/document/patch'
import { COALESCE_MS, HistoryStore } from '../../../src/renderer/src/core/history'

interface Item {
  id: string
  v: number
}
const item = (id: string, v = 0): Item => ({ id, v })
const SIZE = 100
const store = (budget?: number) => new HistoryStore<Item>(() => SIZE, budget)

describe('patches', () => {
  it('store only what changed and rebuild either version exactly', () => {
    const a = item('a')
    const c = item('c')
    const before = [a, item('b'), c, item('d')]
    const after = [a, item('b', 1), c, item('e')]
    const patch = diffLists(before, after)
    expect(patch.before.map((p) => p.item.id)).toEqual(['b', 'd'])
    expect(patch.after.map((p) => p.item.id)).toEqual(['b', 'e'])
    expect(applyPatch(after, patch, 'undo')).toEqual(before)
    expect(applyPatch(before, patch, 'redo')).toEqual(after)
  })

  it('falls back to whole lists when the order changed', () => {
    const a = item('a')
    const b = item('b')
    const patch = diffLists([a, b], [b, a])
    expect(applyPatch([b, a], patch, 'undo')).toEqual([a, b])
  })
})

describe('HistoryStore', () => {
  it('undoes and redoes step by step, and a new step drops the redo branch', () => {
    const h = store()
    const s0: Item[] = []
    const s1 = [item('a')]
    const s2 = [...s1, item('b')]
    h.record('img', 'Draw a', s0, s1)
    h.record('img', 'Draw b', s1, s2)
    const u1 = h.undo('img', s2)
    expect(u1).toEqual({ items: s1, label: 'Draw b' })
    const u2 = h.undo('img', u1!.items)
    expect(u2?.items).toEqual([])
    expect(h.undo('img', [])).toBeNull()
    const r1 = h.redo('img', [])
    expect(r1?.items).toEqual(s1)
    h.record('img', 'Draw c', s1, [...s1, item('c')])
    expect(h.canRedo('img')).toBe(false)
    expect(h.peek('img')).toEqual({ undo: 'Draw c', redo: null })
  })

  it('keeps each image its own history while the user switches between them', () => {
    const h = store()
    h.record('a.jpg', 'Draw', [], [item('1')])
    h.record('b.jpg', 'Draw', [], [item('2')])
    h.record('b.jpg', 'Delete', [item('2')], [])
    // Back on a.jpg: its own step is there, b's steps are not mixed in.
    expect(h.undo('a.jpg', [item('1')])?.items).toEqual([])
    expect(h.depth('b.jpg')).toEqual({ undo: 2, redo: 0 })
    expect(h.undo('b.jpg', [])?.items).toEqual([item('2')])
  })

  it('records nothing when nothing changed', () => {
    const h = store()
    const same = [item('a')]
    expect(h.record('img', 'Nothing', same, same)).toBe(false)
    expect(h.canUndo('img')).toBe(false)
  })

  it('folds a burst of nudges into one step, but not after a pause', () => {
    const h = store()
    const s0 = [item('a', 0)]
    const s1 = [item('a', 1)]
    const s2 = [item('a', 2)]
    const s3 = [item('a', 3)]
    h.record('img', 'Nudge', s0, s1, { coalesce: 'nudge:a', now: 1000 })
    h.record('img', 'Nudge', s1, s2, { coalesce: 'nudge:a', now: 1200 })
    h.record('img', 'Nudge', s2, s3, { coalesce: 'nudge:a', now: 1200 + COALESCE_MS + 1 })
    expect(h.depth('img').undo).toBe(2)
    const back = h.undo('img', s3)
    expect(back?.items).toEqual(s2)
    expect(h.undo('img', s2)?.items).toEqual(s0)
  })

  it('forgets the oldest steps of any image once the memory budget is exceeded', () => {
    // Each step here holds 2 items (before + after) at 100 + 16 bytes, plus 64: 296 bytes.
    const h = store(1000)
    h.record('a', '1', [item('x', 0)], [item('x', 1)])
    h.record('b', '2', [item('y', 0)], [item('y', 1)])
    h.record('a', '3', [item('x', 1)], [item('x', 2)])
    expect(h.bytes).toBe(888)
    h.record('b', '4', [item('y', 1)], [item('y', 2)])
    // Step 1 (the oldest, on image a) went; the other three fit in 1000 bytes.
    expect(h.bytes).toBe(888)
    expect(h.depth('a')).toEqual({ undo: 1, redo: 0 })
    expect(h.depth('b')).toEqual({ undo: 2, redo: 0 })
  })
})
