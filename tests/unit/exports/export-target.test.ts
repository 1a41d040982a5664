import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Services } from '../../../src/main/services'
import { validateCoco } from '../../../src/main/services/exports/coco-validate'
import { createSilentLogger } from '../../../src/main/services/platform'
import type { EventMap } from '../../../src/shared/contract'
import { call, createTestServices } from '../../support/services'
import { makeShapesImage } from '../../support/test-images'

const open: Services[] = []
afterEach(async () => {
  while (open.length) await open.pop()!.close()
})

/** The real services over a folder "photos" of one image, with a logger a test can read. */
async function setup() {
  const root = await mkdtemp(join(tmpdir(), 'promptlabel-export-target-'))
  const imagesDir = join(root, 'photos')
  await mkdir(imagesDir)
  const { buffer } = await makeShapesImage({ width: 60, height: 40, format: 'png', shapes: [] })
  await writeFile(join(imagesDir, 'a.png'), buffer)
  const logger = createSilentLogger()
  const services = createTestServices(join(root, 'data'), { logger })
  open.push(services)
  const { id } = await call<{ id: string }>(services, 'project.openFolder', { imagesDir })
  /** Starts a COCO export to `target` and waits for its outcome. */
  const exportTo = async (target: string, extra: Record<string, unknown> = {}) => {
    const finished = new Promise<EventMap['export.finished']>((resolve) => {
      const stop = services.events.subscribe('export.finished', (summary) => {
        stop()
        resolve(summary)
      })
    })
    await call(services, 'export.start', { projectId: id, format: 'coco', target, ...extra })
    return finished
  }
  return { root, logger, exportTo }
}

describe('“Save as” naming a folder', () => {
  it('writes the file inside it under the default name, and says where', async () => {
    const { root, exportTo } = await setup()
    const out = join(root, 'out')
    await mkdir(out)
    const summary = await exportTo(out)
    // The default name comes from the images folder, as the dialog proposes it: photos-coco.json.
    expect(summary).toMatchObject({ error: null, path: join(out, 'photos-coco.json'), images: 1 })
    expect(summary.warnings).toEqual([
      '“Save as” named a folder, so the file was written inside it as photos-coco.json.',
    ])
    const coco = JSON.parse(await readFile(join(out, 'photos-coco.json'), 'utf8')) as unknown
    expect(validateCoco(coco).ok).toBe(true)
    expect(await readdir(out)).toEqual(['photos-coco.json'])
  })

  it('creates a folder typed with a trailing slash and writes inside it', async () => {
    const { root, exportTo } = await setup()
    const summary = await exportTo(`${join(root, 'new')}/`)
    expect(summary).toMatchObject({ error: null, path: join(root, 'new', 'photos-coco.json') })
  })

  it('keeps a file of that name the user did not see, unless replacing was asked for', async () => {
    const { root, exportTo } = await setup()
    const out = join(root, 'out')
    await mkdir(out)
    await writeFile(join(out, 'photos-coco.json'), 'mine')
    const refused = await exportTo(out)
    expect(refused.error).toEqual({
      code: 'invalid-input',
      message: `${join(out, 'photos-coco.json')} already exists.\nTick “Replace what is already there”, or type another file name.`,
    })
    expect(await readFile(join(out, 'photos-coco.json'), 'utf8')).toBe('mine')
    const replaced = await exportTo(out, { overwrite: true })
    expect(replaced.error).toBeNull()
    expect(await readFile(join(out, 'photos-coco.json'), 'utf8')).toContain('"images"')
  })
})

describe('an export that fails for a reason nobody checked first', () => {
  it('names the cause in plain words, in the outcome and in the log', async () => {
    const { root, logger, exportTo } = await setup()
    // A file where the path needs a folder: the write fails in the file system, not in a check.
    await writeFile(join(root, 'notes'), 'a file')
    const target = join(root, 'notes', 'sets', 'coco.json')
    const summary = await exportTo(target)
    const message = `Could not write ${target}: a part of the path is a file, not a folder.`
    expect(summary.error).toEqual({ code: 'internal', message })
    expect(logger.lines.filter((line) => line.startsWith('error'))).toEqual([
      `error export failed ${JSON.stringify({ jobId: summary.jobId, format: 'coco', target, error: message })}`,
    ])
    // Nothing was written: no temp file, no folder.
    expect((await readdir(root)).sort()).toEqual(['data', 'notes', 'photos'])
  })
})
