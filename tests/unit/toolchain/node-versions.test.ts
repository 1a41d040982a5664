import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_NODE, TEST_NODE, nodeProblem } from '../../../scripts/check-node.js'
import {
  formatVersion,
  highestNodeMinimum,
  minimumOf,
  parseVersion,
  type Lockfile,
} from '../../support/node-engines'

const readme = readFileSync(resolve('README.md'), 'utf8')
const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as {
  engines: { node: string }
  appEngines: { node: string }
  scripts: Record<string, string>
}
const lock = JSON.parse(readFileSync(resolve('package-lock.json'), 'utf8')) as Lockfile

/** The "Node X+" that README.md states in the paragraph just before the code block holding `command`. */
function readmeNodeFor(command: string): string | undefined {
  const blocks = [...readme.matchAll(/([^\n]+(?:\n[^\n]+)*)\n\n```sh\n([\s\S]*?)```/g)]
  const block = blocks.find((match) => match[2]?.split('\n').some((line) => line.includes(command)))
  return block?.[1]?.match(/Node (\d+\.\d+(?:\.\d+)?)\+/)?.[1]
}

/** The minimum a range admits, written out in full ("22.12.0"). */
const minimum = (range: string) => formatVersion(minimumOf(range))

describe('the Node versions the project states', () => {
  // npm start runs electron-vite and then Electron, whose first start downloads the binary through
  // @electron/get; npm run package runs electron-builder (@electron/rebuild, node-abi).
  const toolchain = highestNodeMinimum(lock, [
    'node_modules/electron',
    'node_modules/electron-vite',
    'node_modules/electron-builder',
  ])

  it('name, for npm start, the highest engines minimum of the Electron toolchain in the lockfile', () => {
    // Today electron 45 and @electron/get 5 declare ">= 22.12.0"; the test follows the lockfile.
    expect(toolchain.declaredBy).toContain('node_modules/@electron/get')
    const needed = formatVersion(toolchain.version)
    expect(formatVersion(parseVersion(readmeNodeFor('npm start') ?? 'missing'))).toBe(needed)
    expect(APP_NODE).toBe(needed)
    expect(minimum(pkg.appEngines.node)).toBe(needed)
  })

  it('name, for npm test and the command line, the Node of package.json engines', () => {
    const needed = minimum(pkg.engines.node)
    expect(formatVersion(parseVersion(readmeNodeFor('npm test') ?? 'missing'))).toBe(needed)
    expect(TEST_NODE).toBe(needed)
    // The tests need less than the app: that is the point of the check before npm start.
    expect(needed).not.toBe(APP_NODE)
  })

  it('check the Node before every script that runs Electron or its builder', () => {
    for (const script of ['start', 'dev', 'package']) {
      expect(pkg.scripts[script]).toMatch(/^node scripts\/check-node\.js && /)
    }
  })
})

describe('the Node check before npm start', () => {
  it('stops Node 20.20.2 with one line naming the Node to install', () => {
    const message = nodeProblem('20.20.2', 'npm start')
    expect(message).toBe(
      "npm start needs Node 22.12.0 or newer (Electron's installer requires it) but this is Node " +
        '20.20.2: install Node 22 LTS (https://nodejs.org/ or nvm install 22). ' +
        'npm test and the command line need only Node 20.19.0.',
    )
  })

  it('passes Node 22.12.0 and anything newer, and stops anything older', () => {
    expect(nodeProblem('22.12.0', 'npm start')).toBeNull()
    expect(nodeProblem('v22.12.0', 'npm start')).toBeNull()
    expect(nodeProblem('22.13.0', 'npm start')).toBeNull()
    expect(nodeProblem('24.0.0', 'npm start')).toBeNull()
    expect(nodeProblem('22.11.9', 'npm start')).toMatch(/needs Node 22\.12\.0/)
    expect(nodeProblem('18.20.0', 'npm run dev')).toMatch(/^npm run dev needs Node 22\.12\.0/)
  })

  it('as a script, exits 1 with that line on stderr on an older Node and 0 otherwise', () => {
    const run = spawnSync(process.execPath, [resolve('scripts/check-node.js')], {
      env: { ...process.env, npm_lifecycle_event: 'start' },
      encoding: 'utf8',
    })
    // The outcome depends on the Node running the tests (20.x in CI), so it is compared with the decision.
    const problem = nodeProblem(process.versions.node, 'npm start')
    expect(run.status).toBe(problem === null ? 0 : 1)
    expect(run.stderr).toBe(problem === null ? '' : `${problem}\n`)
    expect(run.stdout).toBe('')
  })
})

describe('minimumOf (an npm engines range)', () => {
  it('reads the forms found in the lockfile', () => {
    expect(minimum('>= 22.12.0')).toBe('22.12.0')
    expect(minimum('>=10')).toBe('10.0.0')
    expect(minimum('^20.19.0 || >=22.12.0')).toBe('20.19.0')
    expect(minimum('^12.20.0 || ^14.13.1 || >=16.0.0')).toBe('12.20.0')
    expect(minimum('6.* || 8.* || >= 10.*')).toBe('6.0.0')
    expect(minimum('>=16 || 14 >=14.17')).toBe('14.17.0')
    expect(minimum('>=6 <7 || >=8')).toBe('6.0.0')
    expect(minimum('*')).toBe('0.0.0')
  })

  it('follows nested node_modules when it walks a dependency tree', () => {
    // b is found in a's own node_modules (needs 22), not the hoisted b (needs 18).
    const synthetic: Lockfile = {
      packages: {
        'node_modules/a': { engines: { node: '>=16' }, dependencies: { b: '^2' } },
        'node_modules/a/node_modules/b': { engines: { node: '>=22' } },
        'node_modules/b': { engines: { node: '>=18' } },
      },
    }
    expect(highestNodeMinimum(synthetic, ['node_modules/a'])).toEqual({
      version: [22, 0, 0],
      declaredBy: ['node_modules/a/node_modules/b'],
    })
  })
})
