import { isIP } from 'node:net'
import sharp from 'sharp'
import { imageLoadError, MESSAGES } from './errors'
import type { RasterImage } from './regions'
import { isObject } from './validate'

const DATA_URI_PREFIX = /^data:image\/[a-zA-Z]+;base64,/
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/
/** What cv2.imdecode reads; sharp also reads SVG/PDF/HEIF, which the real server would refuse. */
const DECODABLE_FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff', 'gif', 'jp2k'])

/** Decodes bytes like cv2.IMREAD_COLOR: 8-bit 3-channel sRGB, EXIF orientation applied unless disabled. */
export async function decodeImageBytes(
  bytes: Buffer,
  autoOrient = true,
): Promise<RasterImage | null> {
  try {
    const input = () => sharp(bytes, { failOn: 'none', limitInputPixels: 2 ** 30 })
    const { format } = await input().metadata()
    if (!DECODABLE_FORMATS.has(format)) return null
    const pipeline = autoOrient ? input().rotate() : input()
    const { data, info } = await pipeline
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true })
    return { width: info.width, height: info.height, channels: info.channels, data }
  } catch {
    return null
  }
}

/** pybase64.b64decode without validation: drops characters outside the alphabet (§1.0). */
export function decodeBase64Lenient(text: string): Buffer | null {
  const cleaned = text.replace(DATA_URI_PREFIX, '').replace(/[^A-Za-z0-9+/=]/g, '')
  const data = cleaned.replace(/=/g, '')
  const remainder = data.length % 4
  if (remainder === 1) return null
  const padding = cleaned.length - data.length
  if (remainder !== 0 && padding < 4 - remainder) return null
  return Buffer.from(data, 'base64')
}

/** pybase64.b64decode(validate=True), used for OWLv2 reference images (§1.5). */
export function decodeBase64Strict(text: string): Buffer | null {
  const body = text.replace(DATA_URI_PREFIX, '')
  return STRICT_BASE64.test(body) ? Buffer.from(body, 'base64') : null
}

/** Raw binary where base64 text was expected (legacy route body, §1.3). */
export function containsRawBytes(bytes: Buffer): boolean {
  return bytes.some((byte) => byte >= 0x80 || byte === 0)
}

/** Loads a base64 image value the way `load_image_base64` reports failures (§3). */
export async function loadBase64Image(value: unknown, autoOrient: boolean): Promise<RasterImage> {
  if (typeof value !== 'string') throw imageLoadError(MESSAGES.malformedBase64)
  const bytes = decodeBase64Lenient(value)
  if (bytes === null) throw imageLoadError(MESSAGES.malformedBase64)
  if (bytes.length === 0) throw imageLoadError(MESSAGES.emptyPayload)
  const image = await decodeImageBytes(bytes, autoOrient)
  if (image === null) throw imageLoadError(MESSAGES.malformedBase64)
  return image
}

/** Checks a URL against the server's defaults (https only, FQDN host), then fetches it (§1.0). */
export async function fetchUrlBytes(value: string): Promise<Buffer> {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw imageLoadError(MESSAGES.urlInvalid)
  }
  if (url.protocol !== 'https:') throw imageLoadError(MESSAGES.urlNonHttps)
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (host === '' || isIP(host) !== 0 || !host.includes('.'))
    throw imageLoadError(MESSAGES.urlWithoutFqdn)
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) })
    if (!response.ok) throw new Error(`status ${response.status}`)
    return Buffer.from(await response.arrayBuffer())
  } catch {
    throw imageLoadError(MESSAGES.urlFetch)
  }
}

export async function loadUrlImage(value: unknown, autoOrient: boolean): Promise<RasterImage> {
  if (typeof value !== 'string') throw imageLoadError(MESSAGES.urlInvalid)
  const image = await decodeImageBytes(await fetchUrlBytes(value), autoOrient)
  if (image === null) throw imageLoadError(MESSAGES.notImage)
  return image
}

/** Loads one `InferenceRequestImage`; a list reaching a single-image loader fails as §1.4 describes. */
export async function loadRequestImage(image: unknown, autoOrient: boolean): Promise<RasterImage> {
  if (!isObject(image)) throw imageLoadError(MESSAGES.numpyUnsupported)
  const type = String(image.type).toLowerCase()
  switch (type) {
    case 'base64':
      return loadBase64Image(image.value, autoOrient)
    case 'url':
      return loadUrlImage(image.value, autoOrient)
    case 'numpy':
      throw imageLoadError(MESSAGES.numpyUnsupported)
    case 'numpy_object':
      throw imageLoadError(MESSAGES.notNdarray)
    case 'file':
      throw imageLoadError(MESSAGES.localFileDisabled)
    default:
      throw imageLoadError(MESSAGES.unknownType)
  }
}
