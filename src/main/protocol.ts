import { protocol } from 'electron'
import type { Services } from './services'

export const IMAGE_SCHEME = 'app-image'

/** Must run before `app.whenReady`: lets the renderer load images by URL, never as IPC bytes. */
export function registerImageScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: IMAGE_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ])
}

export function handleImageProtocol(services: Services): void {
  protocol.handle(IMAGE_SCHEME, async (request) => {
    const id = decodeURIComponent(new URL(request.url).pathname.replace(/^\/+/, ''))
    const image = await services.images.display(id)
    if (!image) return new Response('Not found', { status: 404 })
    return new Response(new Uint8Array(image.buffer), { headers: { 'content-type': image.mime } })
  })
}
