import { appendFile, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scanFolder, type ScanReport } from '../../../src/main/services/batch/folder-scan'
import { readResultLog, ResultLog } from '../../../src/main/services/batch/result-log'

const tempDir = () => mkdtemp(join(tmpdir(), 'promptlabel-batch-'))
const done = (key: string) => ({
  key,
  runId: 'r1',
  runKey: 'gd:red',
  status: 'done' as const,
  width: 10,
  height: 20,
  detections: [
    { id: 'd', className: 'red', confidence: 0.9, box: { x: 1, y: 2, width: 3, height: 4 } },
  ],
})

describe('result log', () => {
  it('streams one line per image and reads back the latest record per image', async () => {
    const path = join(await tempDir(), 'results.jsonl')
    const log = await ResultLog.open(path)
    await Promise.all([log.append(done('a.jpg')), log.append(done('b.jpg'))])
    await log.append({
      key: 'a.jpg',
      runId: 'r1',
      runKey: 'gd:red',
      status: 'failed',
      error: { code: 'server-error', message: 'boom' },
    })
    await log.close()
    expect((await readFile(path, 'utf8')).trim().split('\n')).toHaveLength(3)
    const { latest, damagedLines } = await readResultLog(path)
    expect(damagedLines).toEqual([])
    expect(latest.get('a.jpg')).toMatchObject({ status: 'failed', error: { code: 'server-error' } })
    expect(latest.get('b.jpg')).toMatchObject({ status: 'done', width: 10 })
  })

  it('survives a line cut short by a crash: it is reported, and the next record is intact', async () => {
    const path = join(await tempDir(), 'results.jsonl')
    const first = await ResultLog.open(path)
    await first.append(done('a.jpg'))
    await first.close()
    await appendFile(path, '{"v":1,"key":"b.jpg","runKey":"gd:red","sta')
    const second = await ResultLog.open(path)
    await second.append(done('c.jpg'))
    await second.close()
    const { latest, damagedLines } = await readResultLog(path)
    expect([...latest.keys()].sort()).toEqual(['a.jpg', 'c.jpg'])
    expect(damagedLines).toEqual([2])
  })

  it('reads a missing log as empty', async () => {
    const { latest } = await readResultLog(join(await tempDir(), 'none.jsonl'))
    expect(latest.size).toBe(0)
  })
})

describe('folder scan', () => {
  it('lists images in natural order through nested and unicode folders, skipping hidden and other files', async () => {
    const root = await tempDir()
    await mkdir(join(root, 'Ünïcode 文件夹', 'deeper'), { recursive: true })
    await mkdir(join(root, '.cache'))
    for (const name of ['img10.jpg', 'img2.PNG', 'notes.txt', '.hidden.jpg'])
      await writeFile(join(root, name), 'x')
    await writeFile(join(root, 'Ünïcode 文件夹', 'b.webp'), 'x')
    await writeFile(join(root, 'Ünïcode 文件夹', 'deeper', 'c.tif'), 'x')
    await writeFile(join(root, '.cache', 'd.jpg'), 'x')
    await symlink(root, join(root, 'loop'))
    const report: ScanReport = { images: 0, otherFiles: 0, unreadableFolders: [] }
    const keys: string[] = []
    for await (const file of scanFolder(root, report)) keys.push(file.key)
    expect(keys).toEqual([
      'img2.PNG',
      'img10.jpg',
      'Ünïcode 文件夹/b.webp',
      'Ünïcode 文件夹/deeper/c.tif',
    ])
    expect(report).toMatchObject({ images: 4, otherFiles: 2 })
  })

  it('yields the first images before the whole tree is listed', async () => {
    const root = await tempDir()
    for (let i = 0; i < 50; i++) await writeFile(join(root, `f${i}.jpg`), 'x')
    const report: ScanReport = { images: 0, otherFiles: 0, unreadableFolders: [] }
    const iterator = scanFolder(root, report)[Symbol.asyncIterator]()
    const first = await iterator.next()
    expect(first.value).toMatchObject({ key: 'f0.jpg' })
    await iterator.return?.(undefined)
  })

  it('reports a folder it cannot read instead of failing', async () => {
    const report: ScanReport = { images: 0, otherFiles: 0, unreadableFolders: [] }
    const keys: string[] = []
    for await (const file of scanFolder('/nonexistent/promptlabel', report)) keys.push(file.key)
    expect(keys).toEqual([])
    expect(report.unreadableFolders).toEqual([
      { path: '/nonexistent/promptlabel', reason: 'ENOENT' },
    ])
  })
})
