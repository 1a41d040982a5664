import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../support/emulator'
import { makeShapesImage } from '../../support/test-images'
import { runCli, tempDir } from './helpers'

let dir: Awaited<ReturnType<typeof tempDir>>
let plain: string
let emulator: Emulator | null = null

beforeAll(async () => {
  dir = await tempDir('cli-usage')
  plain = join(dir.path, 'plain.png')
  const image = await makeShapesImage({
    width: 400,
    height: 300,
    format: 'png',
    shapes: [{ colour: 'red', x: 50, y: 60, width: 100, height: 80 }],
  })
  await writeFile(plain, image.buffer)
})
afterAll(() => dir.remove())
afterEach(async () => {
  await emulator?.close()
  emulator = null
})

const gd = (url: string): string[] => [
  '--server',
  url,
  '--model',
  'grounding-dino',
  '--classes',
  'red',
  '--json',
]

describe('usage', () => {
  it('lists every flag with examples under --help, and prints the version', async () => {
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    for (const flag of [
      '--server',
      '--profile',
      '--data-dir',
      '--model',
      '--classes',
      '--prompt',
      '--examples',
      '--confidence',
      '--overlap',
      '--box-threshold',
      '--text-threshold',
      '--max-upload-side',
      '--json',
      '--verbose',
      '--help',
      '--version',
      'ROBOFLOW_API_KEY',
      'Exit status',
      'Examples',
    ]) {
      expect(help.stdout).toContain(flag)
    }
    const version = await runCli(['--version'])
    expect(version).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^promptlabel \d+\.\d+\.\d+\n$/),
    })
  })

  it('exits 1 with a clear line for unknown flags and misplaced ones', async () => {
    const unknown = await runCli(['detect', plain, '--server', 'http://h', '--colour', 'red'])
    expect(unknown).toMatchObject({ code: 1, stdout: '' })
    expect(unknown.stderr).toBe(
      'promptlabel: Unknown option --colour.\nRun "promptlabel --help" to see the options.\n',
    )
    const misplaced = await runCli(['detect', plain, ...gd('http://h'), '--confidence', '0.5'])
    expect(misplaced.code).toBe(1)
    expect(misplaced.stderr).toMatch(/use --box-threshold/)
  })

  it('rejects a server URL that is not http(s) before sending anything', async () => {
    const run = await runCli([
      'detect',
      plain,
      '--server',
      'ftp://h',
      '-m',
      'grounding-dino',
      '--classes',
      'a',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      /^promptlabel: --server: Enter the server’s full address, starting with http/,
    )
  })

  it("never writes into the app's data folder when given --server", async () => {
    emulator = await startEmulator()
    const appData = join(dir.path, 'app-data')
    const run = await runCli(['detect', plain, ...gd(emulator.url)], {
      env: { PROMPTLABEL_DATA_DIR: appData },
    })
    expect(run.code).toBe(0)
    await expect(readdir(appData)).rejects.toThrow(/ENOENT/)
  })
})
