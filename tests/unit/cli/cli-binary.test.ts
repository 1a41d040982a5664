import { spawn } from 'node:child_process'
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage } from '../../support/test-images'
import { tempDir } from './helpers'

const BIN = resolve('bin/promptlabel.js')
const BUILT = existsSync(resolve('out/main/cli.js'))

let dir: Awaited<ReturnType<typeof tempDir>>
let emulator: Emulator

beforeAll(async () => {
  dir = await tempDir('cli-binary')
  emulator = await startEmulator()
})
afterAll(async () => {
  await emulator.close()
  await dir.remove()
})

/** Runs a script under node with a clean key-free environment; resolves with its exit and output. */
function run(script: string, args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env['ROBOFLOW_API_KEY']
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

describe('the promptlabel executable', () => {
  it.skipIf(!BUILT)(
    'runs the built CLI as a child process (skipped when out/main/cli.js is missing: run npm run build)',
    async () => {
      const image = join(dir.path, 'ünïcode shapes.png')
      const shapes = await makeShapesImage({
        width: 320,
        height: 240,
        format: 'png',
        shapes: [{ colour: 'red', x: 20, y: 30, width: 100, height: 70 }],
      })
      await writeFile(image, shapes.buffer)
      const out = await run(BIN, [
        'detect',
        image,
        '--server',
        emulator.url,
        '--model',
        'grounding-dino',
        '--classes',
        'red',
        '--json',
      ])
      expect(out.stderr).toBe('')
      expect(out.code).toBe(0)
      expect(JSON.parse(out.stdout)).toEqual({
        image,
        width: 320,
        height: 240,
        detections: [
          expect.objectContaining({ class: 'red', x: 20, y: 30, width: 100, height: 70 }),
        ],
      })
    },
  )

  it('tells the user to build first when the build is missing', async () => {
    // A copy of the shim in a folder with no out/ beside it.
    await mkdir(join(dir.path, 'bin'), { recursive: true })
    const shim = join(dir.path, 'bin', 'promptlabel.js')
    await copyFile(BIN, shim)
    const out = await run(shim, ['--help'])
    expect(out.code).toBe(1)
    expect(out.stderr).toMatch(/Run npm run build first/)
  })
})
