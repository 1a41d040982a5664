import { open } from 'node:fs/promises'
import { extname } from 'node:path'
import { readImageInfo } from '../images/image-info'

/** Oriented size of an image file without decoding it; BMP (which sharp cannot read) from its header. */
export async function readOrientedSize(path: string): Promise<{ width: number; height: number }> {
  if (extname(path).toLowerCase() !== '.bmp') return readImageInfo(path)
  const handle = await open(path, 'r')
  try {
    const header = Buffer.alloc(26)
    const { bytesRead } = await handle.read(header, 0, 26, 0)
    if (bytesRead < 26 || header.toString('latin1', 0, 2) !== 'BM')
      throw new Error('Not a BMP file')
    return { width: Math.abs(header.readInt32LE(18)), height: Math.abs(header.readInt32LE(22)) }
  } finally {
    await handle.close()
  }
}
