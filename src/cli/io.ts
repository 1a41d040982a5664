import { homedir } from 'node:os'
import type { RecoveryPolicy } from '../main/services/batch/recovery'
import type { SecretStore } from '../main/services/secrets/secret-store'
import { redactSecrets } from './format'

/** Everything the CLI touches outside itself, so tests can run `main` in-process. */
export interface CliIo {
  /** Receives whole lines, newline included. */
  stdout(text: string): void
  stderr(text: string): void
  env: Readonly<Record<string, string | undefined>>
  /** Aborts the run (Ctrl-C): running requests are cancelled and nothing new starts. */
  signal?: AbortSignal
  /** The key store behind --profile; the OS keychain unless a test supplies one. */
  keychain?: () => SecretStore
  platform?: NodeJS.Platform
  homedir?: string
  /** stderr is a terminal: progress is a single line redrawn in place. */
  isTTY?: boolean
  /** The terminal's width, for the progress line. */
  columns?: () => number
  /** annotate's recovery passes over failed images; the batch engine's defaults unless given (tests shorten the pauses). */
  recovery?: RecoveryPolicy
}

/** The real process: stdout/stderr, the environment, and Ctrl-C as an abort (twice to force quit). */
export function processIo(): CliIo & { dispose(): void } {
  const controller = new AbortController()
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(130)
    // On a terminal, first wipe a progress line drawn in place, so the notice starts clean.
    const wipe = process.stderr.isTTY ? '\r\x1b[2K' : ''
    process.stderr.write(
      `${wipe}Stopping: cancelling running requests (Ctrl-C again to quit now).\n`,
    )
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  // A closed pipe (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', () => undefined)
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    signal: controller.signal,
    platform: process.platform,
    homedir: homedir(),
    isTTY: process.stderr.isTTY === true,
    columns: () => process.stderr.columns ?? 80,
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}

/** Wraps both writers so the API key can never reach the terminal, whatever a message contains. */
export function redactingIo(io: CliIo, secrets: readonly string[]): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(redactSecrets(text, secrets)),
    stderr: (text) => io.stderr(redactSecrets(text, secrets)),
  }
}
