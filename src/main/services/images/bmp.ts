/** Decoded pixels of a BMP file, ready for `sharp(data, { raw })`: libvips has no BMP loader. */
export interface DecodedBmp {
  width: number
  height: number
  channels: 3 | 4
  data: Buffer
}

export class BmpError extends Error {}

const BI_RGB = 0
const BI_BITFIELDS = 3
const BI_ALPHABITFIELDS = 6

/** Bit position and width of a channel mask, to scale any bitfield value to 0..255. */
function maskInfo(mask: number): { shift: number; max: number } {
  if (mask === 0) return { shift: 0, max: 0 }
  let shift = 0
  while (((mask >>> shift) & 1) === 0) shift++
  return { shift, max: mask >>> shift }
}

/**
 * Decodes uncompressed BMPs (1/4/8-bit palette, 16/24/32-bit, bitfields, bottom-up or top-down),
 * which is what cameras, scanners and Windows tools write. RLE-compressed files are refused plainly.
 */
export function decodeBmp(file: Buffer): DecodedBmp {
  if (file.length < 26 || file.toString('latin1', 0, 2) !== 'BM')
    throw new BmpError('Not a BMP file')
  const pixelOffset = file.readUInt32LE(10)
  const headerSize = file.readUInt32LE(14)
  if (headerSize < 40)
    throw new BmpError('This BMP uses an old OS/2 header, which is not supported')
  const width = file.readInt32LE(18)
  const rawHeight = file.readInt32LE(22)
  const bitCount = file.readUInt16LE(28)
  const compression = file.readUInt32LE(30)
  const topDown = rawHeight < 0
  const height = Math.abs(rawHeight)
  if (width <= 0 || height === 0 || width * height > 500_000_000)
    throw new BmpError('The BMP has an invalid size')
  if (![BI_RGB, BI_BITFIELDS, BI_ALPHABITFIELDS].includes(compression)) {
    throw new BmpError('Compressed (RLE) BMP files are not supported; save it as PNG')
  }
  let masks = { r: 0x00ff0000, g: 0x0000ff00, b: 0x000000ff, a: 0 }
  if (bitCount === 16) masks = { r: 0x7c00, g: 0x03e0, b: 0x001f, a: 0 }
  if (compression !== BI_RGB) {
    const at = headerSize >= 52 ? 54 : 14 + headerSize
    masks = {
      r: file.readUInt32LE(at),
      g: file.readUInt32LE(at + 4),
      b: file.readUInt32LE(at + 8),
      a: headerSize >= 56 || compression === BI_ALPHABITFIELDS ? file.readUInt32LE(at + 12) : 0,
    }
  }
  const paletteSize = bitCount <= 8 ? file.readUInt32LE(46) || 1 << bitCount : 0
  const paletteAt = 14 + headerSize + (compression === BI_BITFIELDS && headerSize === 40 ? 12 : 0)
  const rowBytes = Math.floor((bitCount * width + 31) / 32) * 4
  if (pixelOffset + rowBytes * height > file.length) throw new BmpError('The BMP file is truncated')
  const channels: 3 | 4 = bitCount === 32 && masks.a !== 0 ? 4 : 3
  const out = Buffer.alloc(width * height * channels)
  const channelInfo = [maskInfo(masks.r), maskInfo(masks.g), maskInfo(masks.b), maskInfo(masks.a)]

  for (let y = 0; y < height; y++) {
    const row = pixelOffset + (topDown ? y : height - 1 - y) * rowBytes
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels
      if (bitCount <= 8) {
        const bitsAt = x * bitCount
        const byte = file[row + (bitsAt >> 3)]!
        const index = (byte >> (8 - bitCount - (bitsAt & 7))) & ((1 << bitCount) - 1)
        if (index >= paletteSize)
          throw new BmpError('The BMP refers to a colour outside its palette')
        const p = paletteAt + index * 4
        out[o] = file[p + 2]!
        out[o + 1] = file[p + 1]!
        out[o + 2] = file[p]!
      } else if (bitCount === 24) {
        const p = row + x * 3
        out[o] = file[p + 2]!
        out[o + 1] = file[p + 1]!
        out[o + 2] = file[p]!
      } else if (bitCount === 16 || bitCount === 32) {
        const value =
          bitCount === 16 ? file.readUInt16LE(row + x * 2) : file.readUInt32LE(row + x * 4)
        for (let c = 0; c < channels; c++) {
          const { shift, max } = channelInfo[c]!
          out[o + c] = max === 0 ? 255 : Math.round((((value >>> shift) & max) * 255) / max)
        }
      } else {
        throw new BmpError(`BMP files with ${bitCount} bits per pixel are not supported`)
      }
    }
  }
  return { width, height, channels, data: out }
}
