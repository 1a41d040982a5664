import { describe, expect, it } from 'vitest'
import { decodeBmp } from '../../../src/main/services/images/bmp'

/** Builds a BMP by hand so each header variant is known exactly. */
function bmp(options: {
  width: number
  height: number
  bits: 24 | 32 | 8
  topDown?: boolean
  pixel: (x: number, y: number) => number[]
}): Buffer {
  const { width, height, bits } = options
  const rowBytes = Math.floor((bits * width + 31) / 32) * 4
  const palette = bits === 8 ? 256 * 4 : 0
  const offset = 14 + 40 + palette
  const file = Buffer.alloc(offset + rowBytes * height)
  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(offset, 10)
  file.writeUInt32LE(40, 14)
  file.writeInt32LE(width, 18)
  file.writeInt32LE(options.topDown ? -height : height, 22)
  file.writeUInt16LE(1, 26)
  file.writeUInt16LE(bits, 28)
  if (bits === 8)
    for (let i = 0; i < 256; i++) file.writeUInt32LE((i << 16) | ((255 - i) << 8) | 7, 54 + i * 4)
  for (let y = 0; y < height; y++) {
    const fileRow = options.topDown ? y : height - 1 - y
    for (let x = 0; x < width; x++) {
      const at = offset + fileRow * rowBytes + x * (bits / 8)
      const [r, g, b, index] = options.pixel(x, y)
      if (bits === 8) file[at] = index!
      else {
        file[at] = b!
        file[at + 1] = g!
        file[at + 2] = r!
      }
    }
  }
  return file
}

describe('BMP decoding', () => {
  it('decodes a bottom-up 24-bit BMP with padded rows into top-down RGB', () => {
    // width 3 -> 9 bytes of pixels padded to 12 per row.
    const decoded = decodeBmp(
      bmp({ width: 3, height: 2, bits: 24, pixel: (x, y) => [x * 10, y * 100, 5] }),
    )
    expect(decoded).toMatchObject({ width: 3, height: 2, channels: 3 })
    expect([...decoded.data]).toEqual([
      0, 0, 5, 10, 0, 5, 20, 0, 5, 0, 100, 5, 10, 100, 5, 20, 100, 5,
    ])
  })

  it('decodes a top-down file (negative height) in the same order', () => {
    const decoded = decodeBmp(
      bmp({ width: 2, height: 2, bits: 24, topDown: true, pixel: (x, y) => [x, y, 0] }),
    )
    expect([...decoded.data]).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0])
  })

  it('looks up 8-bit palette indices (palette stored as B, G, R, reserved)', () => {
    // Palette entry i = (r=i, g=255-i, b=7).
    const decoded = decodeBmp(
      bmp({ width: 2, height: 1, bits: 8, pixel: (x) => [0, 0, 0, x === 0 ? 3 : 200] }),
    )
    expect([...decoded.data]).toEqual([3, 252, 7, 200, 55, 7])
  })

  it('refuses truncated and non-BMP data with a plain reason', () => {
    const good = bmp({ width: 4, height: 4, bits: 24, pixel: () => [1, 2, 3] })
    expect(() => decodeBmp(good.subarray(0, good.length - 10))).toThrow('truncated')
    expect(() => decodeBmp(Buffer.from('GIF89a........................'))).toThrow('Not a BMP file')
  })
})
