import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>

/** A small dataset that pycocotools, supervision and CVAT all load. */
const good = () => ({
  info: {},
  licenses: [],
  images: [
    { id: 1, file_name: 'a.jpg', width: 640, height: 480 },
    // No annotations: a valid negative (rule 8).
    { id: 2, file_name: 'sub/b.jpg', width: 320, height: 240 },
  ],
  annotations: [
    {
      id: 1,
      image_id: 1,
      category_id: 1,
      bbox: [10, 20, 100, 50],
      area: 5000,
      iscrowd: 0,
      segmentation: [],
    },
  ],
  categories: [{ id: 1, name: 'dog', supercategory: 'none' }],
})

async function write(name: string, content: unknown): Promise<string> {
  const path = join(dir.path, name)
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

beforeAll(async () => {
  dir = await tempDir('cli-validate')
})
afterAll(() => dir.remove())

describe('promptlabel validate', () => {
  it('passes a good file (exit 0)', async () => {
    const path = await write('good.json', good())
    const run = await runCli(['validate', path])
    expect(run).toMatchObject({ code: 0, stderr: '' })
    expect(run.stdout).toBe(
      `${path}: 2 images, 1 annotation, 1 category\nOK: would load in pycocotools, supervision and CVAT\n`,
    )
  })

  it('lists every broken rule with where it is (exit 2)', async () => {
    const bad = good()
    const annotation = bad.annotations[0]!
    bad.annotations.push({ ...annotation, bbox: [600, 20, 100, 50] })
    Object.assign(annotation, { id: 0, area: undefined })
    Object.assign(bad.categories[0]!, { id: 0 })
    Object.assign(bad.images[0]!, { file_name: '/home/me/a.jpg' })
    bad.annotations.forEach((a) => (a.category_id = 0))
    const { info: _info, ...withoutInfo } = bad
    const path = await write('bad.json', withoutInfo)
    const run = await runCli(['validate', path])
    expect(run.code).toBe(2)
    for (const rule of [
      'info-licenses',
      'annotation-id',
      'required-fields',
      'category-id-zero',
      'file-name',
      'box-outside-image',
    ]) {
      expect(run.stdout).toContain(`[${rule}]`)
    }
    expect(run.stdout).toMatch(/^ {2}annotations\[0\]\.id: .+ \[annotation-id\]$/m)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Not OK: pycocotools, supervision or CVAT would reject or misread this file.',
    )
  })

  it('prints the result object with --json', async () => {
    const bad = { ...good(), licenses: undefined }
    const path = await write('no-licenses.json', bad)
    const run = await runCli(['validate', path, '--json'])
    expect(run.code).toBe(2)
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      problems: [{ rule: 'info-licenses', path: 'licenses', message: expect.any(String) }],
      omitted: 0,
    })
    const ok = await runCli(['validate', await write('good-2.json', good()), '--json'])
    expect(JSON.parse(ok.stdout)).toEqual({ ok: true, problems: [], omitted: 0 })
  })

  it('exits 1 for a file that is missing, a folder, or not JSON', async () => {
    const missing = await runCli(['validate', join(dir.path, 'nope.json')])
    expect(missing).toMatchObject({ code: 1, stdout: '' })
    expect(missing.stderr).toMatch(/nope\.json does not exist/)
    await mkdir(join(dir.path, 'folder.json'))
    expect((await runCli(['validate', join(dir.path, 'folder.json')])).stderr).toMatch(
      /is a folder/,
    )
    const notJson = await runCli(['validate', await write('broken.json', '{"images": [')])
    expect(notJson.code).toBe(1)
    expect(notJson.stderr).toMatch(/broken\.json is not JSON/)
  })

  it('reports a JSON value that is not a COCO object (exit 2)', async () => {
    const run = await runCli(['validate', await write('list.json', [1, 2])])
    expect(run.code).toBe(2)
    expect(run.stdout).toContain('(file): The file is not a JSON object. [structure]')
  })
})
