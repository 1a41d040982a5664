import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { CHANNEL_NAMES, EVENT_IPC_CHANNEL, TOPIC_NAMES } from '../shared/channels'

const channels = new Set<string>(CHANNEL_NAMES)
const topics = new Set<string>(TOPIC_NAMES)

/**
 * The whole surface the renderer gets: two functions allow-listed against the contract, and the
 * path of a dropped file (sandboxed pages see only its name).
 */
contextBridge.exposeInMainWorld('promptlabel', {
  invoke(channel: string, input: unknown) {
    if (!channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown-channel', message: `Unknown call "${channel}".` },
      })
    }
    return ipcRenderer.invoke(channel, input)
  },
  subscribe(topic: string, listener: (payload: unknown) => void) {
    if (!topics.has(topic)) throw new Error(`Unknown event topic "${topic}".`)
    const handler = (_event: unknown, message: { topic: string; payload: unknown }) => {
      if (message.topic === topic) listener(message.payload)
    }
    ipcRenderer.on(EVENT_IPC_CHANNEL, handler)
    return () => {
      ipcRenderer.removeListener(EVENT_IPC_CHANNEL, handler)
    }
  },
  /** Only a File the user dropped or picked has a path; anything else gives null. */
  pathForFile(file: File): string | null {
    try {
      return webUtils.getPathForFile(file) || null
    } catch {
      return null
    }
  },
})
