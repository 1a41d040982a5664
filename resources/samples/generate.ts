/**
 * Draws the bundled sample images: solid colour shapes on grey, so every model (and the test
 * emulator, which finds solid colours) has something to find. The outputs are committed; run this
 * only to change them: `node --experimental-strip-types resources/samples/generate.ts` (Node >= 22.6).
 */
import { writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

type Kind = 'square' | 'rectangle' | 'circle' | 'triangle'

interface Shape {
  kind: Kind
  colour: keyof typeof COLOURS
  x: number
  y: number
  width: number
  height: number
}

interface Sample {
  file: string
  width: number
  height: number
  shapes: Shape[]
  /** EXIF orientation 6: stored sideways, shown upright by any viewer that reads EXIF. */
  rotated?: boolean
}

/** The same saturated colours the emulator recognises, so the samples work against it too. */
const COLOURS = {
  red: '#e62828',
  green: '#28b43c',
  blue: '#2850dc',
  yellow: '#f0dc28',
  orange: '#f58c1e',
  purple: '#963cc8',
  cyan: '#28c8dc',
  magenta: '#e63cc8',
} as const

const GREY = '#808080'

function dense(): Shape[] {
  const shapes: Shape[] = []
  for (let row = 0; row < 3; row++)
    for (let col = 0; col < 4; col++)
      shapes.push({
        kind: 'square',
        colour: 'cyan',
        x: 40 + col * 115,
        y: 60 + row * 140,
        width: 70,
        height: 70,
      })
  return shapes
}

const SAMPLES: Sample[] = [
  {
    file: 'shapes-01.jpg',
    width: 640,
    height: 480,
    shapes: [
      { kind: 'square', colour: 'red', x: 60, y: 80, width: 140, height: 140 },
      { kind: 'rectangle', colour: 'blue', x: 300, y: 260, width: 240, height: 120 },
      { kind: 'circle', colour: 'yellow', x: 420, y: 60, width: 120, height: 120 },
    ],
  },
  {
    file: 'shapes-02.png',
    width: 800,
    height: 600,
    shapes: [
      { kind: 'triangle', colour: 'green', x: 80, y: 300, width: 220, height: 200 },
      { kind: 'circle', colour: 'orange', x: 360, y: 120, width: 180, height: 180 },
      { kind: 'rectangle', colour: 'purple', x: 560, y: 380, width: 180, height: 150 },
    ],
  },
  {
    file: 'shapes-03-rotated.jpg',
    width: 480,
    height: 640,
    rotated: true,
    shapes: [
      { kind: 'rectangle', colour: 'red', x: 40, y: 60, width: 160, height: 100 },
      { kind: 'square', colour: 'blue', x: 280, y: 420, width: 150, height: 150 },
    ],
  },
  { file: 'shapes-04-dense.png', width: 512, height: 512, shapes: dense() },
  {
    file: 'shapes-05.jpg',
    width: 1024,
    height: 768,
    shapes: [
      { kind: 'circle', colour: 'magenta', x: 80, y: 80, width: 200, height: 200 },
      { kind: 'square', colour: 'green', x: 400, y: 100, width: 160, height: 160 },
      { kind: 'triangle', colour: 'yellow', x: 700, y: 380, width: 240, height: 220 },
      { kind: 'rectangle', colour: 'orange', x: 120, y: 480, width: 360, height: 140 },
    ],
  },
]

function shapeSvg(shape: Shape): string {
  const fill = COLOURS[shape.colour]
  const { x, y, width: w, height: h } = shape
  switch (shape.kind) {
    case 'circle':
      return `<ellipse cx="${x + w / 2}" cy="${y + h / 2}" rx="${w / 2}" ry="${h / 2}" fill="${fill}"/>`
    case 'triangle':
      return `<polygon points="${x + w / 2},${y} ${x + w},${y + h} ${x},${y + h}" fill="${fill}"/>`
    default:
      return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${fill}"/>`
  }
}

async function render(sample: Sample): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${sample.width}" height="${sample.height}"><rect width="100%" height="100%" fill="${GREY}"/>${sample.shapes.map(shapeSvg).join('')}</svg>`
  const upright = await sharp(Buffer.from(svg))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  let image = sharp(upright.data, { raw: upright.info })
  // Stored turned a quarter to the left; orientation 6 tells viewers to turn it back.
  if (sample.rotated) {
    const stored = await image.rotate(270).raw().toBuffer({ resolveWithObject: true })
    image = sharp(stored.data, { raw: stored.info }).withMetadata({ orientation: 6 })
  }
  return sample.file.endsWith('.png')
    ? image.png({ palette: true }).toBuffer()
    : image.jpeg({ quality: 82 }).toBuffer()
}

/** Writes next to this script unless another folder is given. */
const here = process.argv[2] ?? dirname(fileURLToPath(import.meta.url))
for (const sample of SAMPLES) {
  await writeFile(join(here, sample.file), await render(sample))
  const boxes = sample.shapes.map(
    (s) => `${s.colour} ${s.kind} ${s.x},${s.y} ${s.width}x${s.height}`,
  )
  console.log(`${sample.file}: ${boxes.join('; ')}`)
}
