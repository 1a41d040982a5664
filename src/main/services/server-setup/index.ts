import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  setupCommands,
  type LaunchTarget,
  type SetupCommands,
  type SetupJob,
  type SetupLogEvent,
  type SetupStatus,
} from '../../../shared/server-setup'
import { checkDocker } from './docker-status'
import { probeHealth } from './health'
import { resolveLaunchTarget } from './launch-args'
import { createLocalServer, type StartInput } from './local-server'

export interface ServerSetupOptions {
  emit(event: SetupLogEvent): void
  /** Read at each call, so the PATH in force then decides which `docker` runs. */
  env?: () => NodeJS.ProcessEnv
  /** The app's bundled resources (the sample images live in `samples/`). */
  resourcesDir?: string
  /** Command-line arguments after the executable (and script). */
  launchArgs?: readonly string[]
  healthTimeoutMs?: number
  healthIntervalMs?: number
}

export interface ServerSetupService {
  status(url: string): Promise<SetupStatus>
  commands(port: number): SetupCommands
  start(input: StartInput): SetupJob
  stop(): Promise<boolean>
  launchTarget(): Promise<LaunchTarget | null>
  close(): void
}

/** Node's version, and Electron's and Chromium's when running inside Electron (for the About box). */
export function runtimeVersions(): { node: string; electron?: string; chrome?: string } {
  const { node, electron, chrome } = process.versions as NodeJS.ProcessVersions & {
    electron?: string
    chrome?: string
  }
  return { node, ...(electron ? { electron } : {}), ...(chrome ? { chrome } : {}) }
}

/** Getting a detection server: Docker detection and start, the manual commands, the samples. */
export function createServerSetupService(options: ServerSetupOptions): ServerSetupService {
  const env = options.env ?? (() => process.env)
  const local = createLocalServer({
    env,
    emit: options.emit,
    healthTimeoutMs: options.healthTimeoutMs ?? 10 * 60_000,
    healthIntervalMs: options.healthIntervalMs ?? 1_000,
  })
  const samples = options.resourcesDir === undefined ? null : join(options.resourcesDir, 'samples')
  let launchUsed = false
  return {
    async status(url) {
      const [docker, answering] = await Promise.all([checkDocker(env()), probeHealth(url)])
      return {
        docker,
        server: { url, answering },
        job: local.current(),
        samplesDir: samples !== null && existsSync(samples) ? samples : null,
      }
    },
    commands: (port) => setupCommands(port),
    start: (input) => local.start(input),
    stop: () => local.stop(),
    /** Answers once per launch: a reloaded window must not reopen the folder over the user's work. */
    async launchTarget() {
      if (launchUsed) return null
      launchUsed = true
      return resolveLaunchTarget(options.launchArgs ?? [])
    },
    close: () => local.close(),
  }
}
