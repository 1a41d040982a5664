import { pathToFileURL } from 'node:url'
import { startEmulator, type Emulator, type EmulatorOptions } from './index'

const USAGE = `Usage: emulator [--port 9001] [--service-time MS] [--slots N] [--api-key KEY]
  [--fault-500 P] [--fault-503 P] [--fault-hang P] [--fault-reset P] [--hang-ms MS]
  [--seed N] [--version V] [--no-owlv2] [--no-lmm]`

function numberFlag(name: string, value: string | undefined): number {
  const parsed = Number(value)
  if (value === undefined || !Number.isFinite(parsed)) throw new Error(`${name} needs a number`)
  return parsed
}

/** Parses the emulator's command line into options; throws with a readable message on bad input. */
export function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = { port: 9001, faults: {} }
  const faults = options.faults as NonNullable<EmulatorOptions['faults']>
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string
    const next = () => argv[++i]
    switch (flag) {
      case '--port':
        options.port = numberFlag(flag, next())
        break
      case '--service-time':
        options.serviceTimeMs = numberFlag(flag, next())
        break
      case '--slots':
        options.slots = numberFlag(flag, next())
        break
      case '--api-key':
        options.apiKey = next() ?? null
        break
      case '--fault-500':
        faults.error500 = numberFlag(flag, next())
        break
      case '--fault-503':
        faults.busy503 = numberFlag(flag, next())
        break
      case '--fault-hang':
        faults.hang = numberFlag(flag, next())
        break
      case '--fault-reset':
        faults.reset = numberFlag(flag, next())
        break
      case '--hang-ms':
        options.hangMs = numberFlag(flag, next())
        break
      case '--seed':
        options.seed = numberFlag(flag, next())
        break
      case '--version':
        options.version = next()
        break
      case '--no-owlv2':
        options.owlv2Enabled = false
        break
      case '--no-lmm':
        options.lmmEnabled = false
        break
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`)
    }
  }
  return options
}

/** Starts the emulator from a command line and stops it on SIGINT/SIGTERM. */
export async function main(argv: string[], { handleSignals = true } = {}): Promise<Emulator> {
  const emulator = await startEmulator(parseArgs(argv))
  console.log(`Inference emulator listening on ${emulator.url}`)
  if (handleSignals) {
    const stop = () => {
      void emulator.close().then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }
  return emulator
}

const entry = process.argv[1]
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
