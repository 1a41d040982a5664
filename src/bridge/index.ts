import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createServices } from '../main/services'
import { createConsoleLogger } from '../main/services/platform'
import { createKeychainSecretStore } from '../main/services/secrets/keychain-store'
import { createMemorySecretStore } from '../main/services/secrets/secret-store'
import { startBridge } from './server'

/** Same folder Electron's `app.getPath('userData')` uses on Linux, so both builds share settings. */
function defaultDataDir(): string {
  const base = process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config')
  return join(base, 'Promptlabel')
}

/** `npm run dev:web`: the real services behind the loopback bridge, for a plain browser. */
export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '5199' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'memory-secrets': { type: 'boolean', default: false },
    },
  })
  const logger = createConsoleLogger('bridge')
  const bridge = await startBridge({
    port: Number(values.port),
    rendererDir: resolve(values['renderer-dir'] ?? join(import.meta.dirname, '../renderer')),
    createServices: (imageUrl) =>
      createServices({
        transport: 'bridge',
        appVersion: process.env['npm_package_version'] ?? '0.0.0',
        dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
        secretStore: values['memory-secrets']
          ? createMemorySecretStore()
          : createKeychainSecretStore(),
        imageUrl,
        pickImages: async () => [],
        // The repository's resources/ (this file runs as out/main/bridge.js); a folder to open.
        resourcesDir: resolve(import.meta.dirname, '../../resources'),
        launchArgs: positionals,
        logger,
      }),
  })
  console.log(
    `Promptlabel (web build) is running. Open this address in Chromium:\n  ${bridge.launchUrl}`,
  )
  const stop = (): void => void bridge.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main(process.argv.slice(2))
