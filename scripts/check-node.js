#!/usr/bin/env node
// @ts-check
/** Run before electron-vite in `npm start`, `dev` and `package`: Electron needs a newer Node than the tests. */
import { pathToFileURL } from 'node:url'

/** The highest `engines.node` minimum in Electron's toolchain (electron, @electron/get); README.md says it too. */
export const APP_NODE = '22.12.0'

/** package.json's `engines.node` minimum: what `npm test` and the command line need. */
export const TEST_NODE = '20.19.0'

/** The version "v22.12.0" or "22.12.0" as one comparable number. @param {string} version */
function rank(version) {
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split('.').map(Number)
  return (major * 1000 + minor) * 1000 + patch
}

/**
 * The one-line message for a Node older than APP_NODE, or null when `version` is new enough.
 * @param {string} version
 * @param {string} command what the user ran, named in the message
 * @returns {string | null}
 */
export function nodeProblem(version, command) {
  if (rank(version) >= rank(APP_NODE)) return null
  const major = APP_NODE.split('.')[0]
  return (
    `${command} needs Node ${APP_NODE} or newer (Electron's installer requires it) but this is Node ` +
    `${version.replace(/^v/, '')}: install Node ${major} LTS (https://nodejs.org/ or nvm install ${major}). ` +
    `npm test and the command line need only Node ${TEST_NODE}.`
  )
}

/** `npm start` for the start script, `npm run dev` for the others. @param {string | undefined} event */
function commandName(event) {
  if (!event) return 'Promptlabel'
  return event === 'start' ? 'npm start' : `npm run ${event}`
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeProblem(process.versions.node, commandName(process.env.npm_lifecycle_event))
  if (problem) {
    process.stderr.write(`${problem}\n`)
    process.exit(1)
  }
}
