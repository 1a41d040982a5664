import { readFile, writeFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { candidatesPath } from '../../../src/main/services/lab/candidate-store'
import type { LabCandidate } from '../../../src/shared/lab'
import { call, callError, createTestServices } from '../../support/services'
import { openFolder, saveCandidate, labHarnesses, writeImage } from './lab-harness'

const startHarness = labHarnesses()

async function project() {
  const h = await startHarness()
  await writeImage(h.imagesDir, 'a.png', [{ colour: 'red', x: 10, y: 10, width: 30, height: 30 }])
  return { h, info: await openFolder(h) }
}

const gd = { kind: 'grounding-dino', classes: ['red'] }

describe('prompt lab candidates', () => {
  it('are saved to the project, with defaults filled in, and read back after a restart', async () => {
    const { h, info } = await project()
    const saved = await saveCandidate(h, info.id, '  Red  ', gd, {
      global: 0.4,
      perClass: { red: 0.6 },
    })
    expect(saved).toMatchObject({
      id: expect.any(String),
      name: 'Red',
      model: { kind: 'grounding-dino', classes: ['red'], boxThreshold: 0.35, textThreshold: 0.25 },
      cut: { global: 0.4, perClass: { red: 0.6 } },
      createdAt: expect.any(String),
    })
    const owl = await saveCandidate(h, info.id, 'Examples', {
      kind: 'owlv2',
      references: [
        {
          key: 'a.png',
          boxes: [{ className: 'red', box: { x: 10, y: 10, width: 30, height: 30 } }],
        },
      ],
    })
    const file = JSON.parse(await readFile(candidatesPath(info.dir), 'utf8')) as { version: number }
    expect(file.version).toBe(1)

    await h.services.close()
    h.services = createTestServices(`${h.root}/data`)
    const reopened = await openFolder(h)
    const list = await call<LabCandidate[]>(h.services, 'lab.candidates', {
      projectId: reopened.id,
    })
    expect(list).toEqual([saved, owl])
  })

  it('renames and updates by id, keeping place and creation time; deleting twice is harmless', async () => {
    const { h, info } = await project()
    const first = await saveCandidate(h, info.id, 'First', gd)
    const second = await saveCandidate(h, info.id, 'Second', gd)
    const renamed = await saveCandidate(h, info.id, 'Renamed', gd, { global: 0.2 }, first.id)
    expect(renamed).toEqual({ ...first, name: 'Renamed', cut: { global: 0.2, perClass: {} } })
    const after = await call<LabCandidate[]>(h.services, 'lab.deleteCandidate', {
      projectId: info.id,
      id: first.id,
    })
    expect(after.map((c) => c.id)).toEqual([second.id])
    const again = await call<LabCandidate[]>(h.services, 'lab.deleteCandidate', {
      projectId: info.id,
      id: first.id,
    })
    expect(again).toEqual(after)
  })

  it('refuses a second candidate of the same name, whatever its case', async () => {
    const { h, info } = await project()
    await saveCandidate(h, info.id, 'Red cars', gd)
    const error = await callError(h.services, 'lab.saveCandidate', {
      projectId: info.id,
      name: 'red CARS',
      model: gd,
      cut: { global: 0.5 },
    })
    expect(error).toMatchObject({
      code: 'invalid-input',
      message:
        'There is already a candidate named "Red cars" in this project. Choose another name.',
    })
  })

  it('stops with a clear error on a damaged file, and never writes over it', async () => {
    const { h, info } = await project()
    await saveCandidate(h, info.id, 'Red', gd)
    const path = candidatesPath(info.dir)
    const damaged = '{"version":1,"candidates":[{"id":"x"'
    await writeFile(path, damaged)
    const listed = await callError(h.services, 'lab.candidates', { projectId: info.id })
    expect(listed.code).toBe('storage-corrupt')
    expect(listed.message).toContain('is not valid JSON; it was left as it is.')
    const saving = await callError(h.services, 'lab.saveCandidate', {
      projectId: info.id,
      name: 'Blue',
      model: { kind: 'grounding-dino', classes: ['blue'] },
      cut: { global: 0.5 },
    })
    expect(saving.code).toBe('storage-corrupt')
    // Valid JSON of the wrong shape is refused the same way.
    await writeFile(path, '{"version":1,"candidates":[{"id":"x","name":"X"}]}')
    const shape = await callError(h.services, 'lab.candidates', { projectId: info.id })
    expect(shape).toMatchObject({ code: 'storage-corrupt' })
    expect(shape.message).toContain('is not in the expected form')
    expect(await readFile(path, 'utf8')).toBe('{"version":1,"candidates":[{"id":"x","name":"X"}]}')
  })
})
