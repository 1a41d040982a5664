import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import { CHANNEL_NAMES, EVENT_IPC_CHANNEL } from '../shared/channels'
import type { Result } from '../shared/errors'
import type { Services } from './services'
import { isAppUrl } from './window'

/** Accepts a call only from the main frame of one of the app's own pages. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  return isAppUrl(frame.url)
}

/** Registers one `ipcMain.handle` per contract channel, each going through the dispatcher. */
export function registerIpc(services: Services): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return {
          ok: false,
          error: {
            code: 'forbidden-sender',
            message: 'Call refused: it did not come from the app.',
          },
        }
      }
      return services.invoke(channel, input)
    })
  }
}

/** Forwards every service event to a window's renderer until the window goes away. */
export function forwardEvents(services: Services, contents: WebContents): void {
  const stop = services.events.subscribeAll((topic, payload) => {
    if (!contents.isDestroyed()) contents.send(EVENT_IPC_CHANNEL, { topic, payload })
  })
  contents.once('destroyed', stop)
}
