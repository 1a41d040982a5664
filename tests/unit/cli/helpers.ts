import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { main } from '../../../src/cli'
import type { CliIo } from '../../../src/cli/io'
import type { JsonRecord } from '../../../src/cli/format'
import type { ShapeSpec } from '../../support/test-images'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
  /** Every stdout line parsed as JSON (for --json runs). */
  records: (JsonRecord & { error?: { code: string; message: string; hint?: string } })[]
}

/** Runs `main` in-process with captured writers and only the environment given (never the real one). */
export async function runCli(argv: string[], io: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    env: {},
    platform: 'linux',
    homedir: '/nonexistent-home',
    ...io,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
  })
  const records = argv.includes('--json')
    ? stdout
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as CliRun['records'][number])
    : []
  return { code, stdout, stderr, records }
}

/** A temp folder per test file, removed afterwards. */
export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `promptlabel-${prefix}-`))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}

/** Asserts a printed box sits on a drawn shape within ±2 px on every side. */
export function expectNear(
  got: { x: number; y: number; width: number; height: number },
  want: ShapeSpec,
): void {
  expect(Math.abs(got.x - want.x)).toBeLessThanOrEqual(2)
  expect(Math.abs(got.y - want.y)).toBeLessThanOrEqual(2)
  expect(Math.abs(got.x + got.width - (want.x + want.width))).toBeLessThanOrEqual(2)
  expect(Math.abs(got.y + got.height - (want.y + want.height))).toBeLessThanOrEqual(2)
}
