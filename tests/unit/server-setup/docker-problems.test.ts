import { describe, expect, it } from 'vitest'
import {
  explainDockerOutput,
  explainSpawnError,
} from '../../../src/main/services/server-setup/docker-problems'
import {
  CPU_IMAGE,
  dockerRunArgs,
  localPortOf,
  setupCommands,
} from '../../../src/shared/server-setup'

const context = { port: 9001, image: CPU_IMAGE }

/** Error text as the docker CLI 27 prints it, copied from its messages' shapes. */
const OUTPUTS = {
  'no-permission':
    'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/containers/json": dial unix /var/run/docker.sock: connect: permission denied',
  'daemon-down':
    'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
  'port-taken':
    'docker: Error response from daemon: driver failed programming external connectivity on endpoint promptlabel-inference (8c1e): Bind for 0.0.0.0:9001 failed: port is already allocated.',
  'name-in-use':
    'docker: Error response from daemon: Conflict. The container name "/promptlabel-inference" is already in use by container "4f2c". You have to remove (or rename) that container to be able to reuse that name.',
  'gpu-unavailable':
    'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].',
  'pull-failed':
    'Unable to find image \'roboflow/roboflow-inference-server-cpu:latest\' locally\ndocker: Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers).',
} as const

describe('explainDockerOutput', () => {
  for (const [code, output] of Object.entries(OUTPUTS)) {
    it(`recognises ${code} in what docker printed`, () => {
      expect(explainDockerOutput(output, context).code).toBe(code)
    })
  }

  it('says what to do, in plain words, for a daemon that is not running', () => {
    const problem = explainDockerOutput(OUTPUTS['daemon-down'], context)
    expect(problem.message).toBe(
      'Docker is installed but not running: its background service did not answer.',
    )
    expect(problem.hint).toContain('sudo systemctl start docker')
  })

  it('names the port that is taken and suggests the next one', () => {
    const problem = explainDockerOutput(OUTPUTS['port-taken'], { ...context, port: 9005 })
    expect(problem.message).toContain('Port 9005 is already in use')
    expect(problem.hint).toContain('http://localhost:9006')
  })

  it('quotes docker’s own last error line when the failure is unknown', () => {
    const problem = explainDockerOutput(
      'docker: Error response from daemon: invalid mount config.',
      context,
    )
    expect(problem.code).toBe('failed')
    expect(problem.message).toBe(
      'Docker reported an error: Error response from daemon: invalid mount config.',
    )
  })

  it('treats a missing executable as "no docker"', () => {
    const error = Object.assign(new Error('spawn docker ENOENT'), { code: 'ENOENT' })
    expect(explainSpawnError(error, context).code).toBe('no-docker')
  })
})

describe('the commands shown to users', () => {
  it('runs the official CPU image on port 9001 with OwlV2 switched on', () => {
    expect(setupCommands().dockerCpu).toBe(
      'docker run -d --name promptlabel-inference -p 9001:9001 -e CORE_MODEL_OWLV2_ENABLED=true roboflow/roboflow-inference-server-cpu',
    )
    expect(setupCommands().cli).toBe('inference server start')
    expect(setupCommands().pip).toBe('pip install inference-cli')
  })

  it('gives the GPU image every GPU, and maps another host port to the server’s 9001', () => {
    expect(dockerRunArgs({ gpu: true, port: 9002 })).toEqual([
      'run',
      '-d',
      '--name',
      'promptlabel-inference',
      '-p',
      '9002:9001',
      '--gpus',
      'all',
      '-e',
      'CORE_MODEL_OWLV2_ENABLED=true',
      'roboflow/roboflow-inference-server-gpu',
    ])
    expect(setupCommands(9002).cli).toBe('inference server start --port 9002')
  })

  it('reads the port of a local URL and refuses other hosts', () => {
    expect(localPortOf('http://localhost:9001')).toBe(9001)
    expect(localPortOf('http://127.0.0.1:41234/')).toBe(41234)
    expect(localPortOf('http://localhost')).toBe(80)
    expect(localPortOf('https://gpu-box.lan:9001')).toBeNull()
    expect(localPortOf('not a url')).toBeNull()
  })
})
