import sharp from 'sharp'
import type { Detection } from './predictions'
import type { RasterImage } from './regions'

const STROKES = [
  '#ff3838',
  '#ff9d97',
  '#ff701f',
  '#ffb21d',
  '#cff231',
  '#48f90a',
  '#92cc17',
  '#3ddb86',
]

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The server's visualisation: boxes on the oriented image, JPEG quality 90 (§1.3). */
export async function drawDetections(
  image: RasterImage,
  detections: Detection[],
  options: { stroke?: number; labels?: boolean } = {},
): Promise<Buffer> {
  const stroke = Math.max(1, options.stroke ?? 1)
  const shapes = detections.map((d) => {
    const colour = STROKES[d.classId % STROKES.length] as string
    const rect = `<rect x="${d.x0}" y="${d.y0}" width="${d.x1 - d.x0}" height="${d.y1 - d.y0}" fill="none" stroke="${colour}" stroke-width="${stroke}"/>`
    if (!options.labels) return rect
    const label = `<text x="${d.x0}" y="${Math.max(10, d.y0 - 2)}" font-size="12" fill="${colour}">${escapeXml(d.className)}</text>`
    return rect + label
  })
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${image.width}" height="${image.height}">${shapes.join('')}</svg>`
  return sharp(image.data, {
    raw: { width: image.width, height: image.height, channels: image.channels as 3 },
  })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .jpeg({ quality: 90 })
    .toBuffer()
}
