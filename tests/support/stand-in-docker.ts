import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

/** How the stand-in behaves: a working Docker, or one of the failures users meet. */
export type DockerScenario =
  | 'ok'
  | 'no-permission'
  | 'daemon-down'
  | 'port-taken'
  | 'pull-fails'
  | 'name-in-use'
  | 'no-gpu'
  | 'container-exits'

export interface StandInDocker {
  dir: string
  /** PATH with the stand-in's folder first, so `docker` resolves to it. */
  path: string
  setScenario(scenario: DockerScenario): Promise<void>
  /** The argument lists it was called with, oldest first. */
  calls(): Promise<string[][]>
}

/**
 * The stand-in itself: a small Node script that prints what the real docker CLI prints (pull
 * progress on stderr, the container id on stdout, the daemon's error wording) for each scenario.
 */
const SCRIPT = String.raw`
const fs = require('node:fs')
const path = require('node:path')
const here = path.dirname(fs.realpathSync(process.argv[1]))
const args = process.argv.slice(2)
fs.appendFileSync(path.join(here, 'calls.log'), JSON.stringify(args) + '\n')
const scenario = fs.readFileSync(path.join(here, 'scenario.txt'), 'utf8').trim()
const out = (s) => process.stdout.write(s + '\n')
const err = (s) => process.stderr.write(s + '\n')
const SOCK = 'unix:///var/run/docker.sock'
const fail = (message, code = 125) => { err(message); process.exit(code) }
if (scenario === 'no-permission')
  fail('permission denied while trying to connect to the Docker daemon socket at ' + SOCK + ': Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/version": dial unix /var/run/docker.sock: connect: permission denied', 1)
if (scenario === 'daemon-down')
  fail('Cannot connect to the Docker daemon at ' + SOCK + '. Is the docker daemon running?', 1)
const command = args[0]
if (command === 'version') { out('27.3.1'); process.exit(0) }
if (command === 'run') {
  const image = args[args.length - 1]
  if (scenario === 'name-in-use')
    fail('docker: Error response from daemon: Conflict. The container name "/promptlabel-inference" is already in use by container "4f2c9e1d7a3b". You have to remove (or rename) that container to be able to reuse that name.\n\nRun \'docker run --help\' for more information')
  if (scenario === 'no-gpu' && args.includes('--gpus'))
    fail('docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].')
  err("Unable to find image '" + image + ":latest' locally")
  if (scenario === 'pull-fails')
    fail('docker: Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving.')
  err('latest: Pulling from ' + image)
  for (const layer of ['a2318d6c47ec', '5d1f4c8b9e22', '9b7e3a1f0c6d']) {
    err(layer + ': Pulling fs layer')
    err(layer + ': Downloading')
    err(layer + ': Pull complete')
  }
  err('Digest: sha256:3f1a9c0e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f')
  err('Status: Downloaded newer image for ' + image + ':latest')
  if (scenario === 'port-taken') {
    out('8c1e4b2a9f7d')
    fail('docker: Error response from daemon: driver failed programming external connectivity on endpoint promptlabel-inference (8c1e4b2a9f7d): Bind for 0.0.0.0:9001 failed: port is already allocated.')
  }
  out('8c1e4b2a9f7d6e5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c')
  process.exit(0)
}
if (command === 'start' || command === 'stop' || command === 'rm') { out(args[args.length - 1]); process.exit(0) }
if (command === 'logs') {
  out('INFO:     Started server process [1]')
  out('INFO:     Waiting for application startup.')
  out('INFO:     Application startup complete.')
  out('INFO:     Uvicorn running on http://0.0.0.0:9001 (Press CTRL+C to quit)')
  if (scenario === 'container-exits') {
    err('RuntimeError: could not load the model registry')
    process.exit(0)
  }
  setInterval(() => {}, 1000)
} else fail('docker: unknown command: docker ' + command, 1)
`

/** Writes the stand-in `docker` into `dir` and returns how to put it first on the PATH. */
export async function installStandInDocker(
  dir: string,
  scenario: DockerScenario = 'ok',
): Promise<StandInDocker> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, 'docker')
  await writeFile(file, `#!${process.execPath}\n${SCRIPT}`)
  await chmod(file, 0o755)
  await writeFile(join(dir, 'scenario.txt'), scenario)
  await writeFile(join(dir, 'calls.log'), '')
  return {
    dir,
    path: `${dir}${delimiter}${process.env['PATH'] ?? ''}`,
    setScenario: (next) => writeFile(join(dir, 'scenario.txt'), next),
    async calls() {
      const text = await readFile(join(dir, 'calls.log'), 'utf8')
      return text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as string[])
    },
  }
}
