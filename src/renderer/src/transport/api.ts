import type { PromptlabelApi } from '../../../shared/bridge-api'
import { createBridgeClient } from './bridge-client'

declare global {
  interface Window {
    promptlabel?: PromptlabelApi
  }
}

/** The preload's API inside Electron; the loopback bridge client when served by `dev:web` or tests. */
export function connectApi(): PromptlabelApi {
  return window.promptlabel ?? createBridgeClient()
}
