#!/usr/bin/env node
/** `npx promptlabel`: runs the built command line (out/main/cli.js), which `npm run build` makes. */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const entry = new URL('../out/main/cli.js', import.meta.url)
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    `promptlabel: the command line is not built (${fileURLToPath(entry)} is missing). Run npm run build first.\n`,
  )
  process.exit(1)
}
const { main } = await import(entry.href)
process.exitCode = await main(process.argv.slice(2))
