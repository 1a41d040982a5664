import { contextBridge, ipcRenderer } from 'electron'
import { CHANNEL_NAMES, EVENT_IPC_CHANNEL, TOPIC_NAMES } from '../shared/channels'

const channels = new Set<string>(CHANNEL_NAMES)
const topics = new Set<string>(TOPIC_NAMES)

/** The whole surface the renderer gets: two functions, allow-listed against the contract. */
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
})
