import type { AnnotationBox } from '../../../shared/annotations'
import { prepareBoxes, type ExportBox, type ExportInclude } from './box-selection'
import { replaceExtension } from './file-names'
import { escapeXml } from './markup'

/** The corner convention, written into every file and the export's README. */
export const VOC_CONVENTION =
  'Pascal VOC corners are 1-based integer pixel indices, inclusive: the top-left pixel of the image is (1, 1) and a box covering pixels 0..9 (0-based) is written xmin 1, xmax 10.'

export interface VocImage {
  key: string
  /** Oriented size. */
  width: number
  height: number
  /** Colour channels; 3 unless known otherwise. */
  depth?: number
}

export interface VocOptions {
  include?: ExportInclude
  /** Written as <path> only when the user asked for absolute paths. */
  absolutePath?: string
}

/** Where an image's XML goes: Annotations/ keeps the image's sub-folders and stem. */
export function vocXmlPath(key: string): string {
  return `Annotations/${replaceExtension(key, '.xml')}`
}

/**
 * A box in VOC corners: edges rounded to the pixel grid, then the first covered pixel and the last
 * one, 1-based (x 0..10 in oriented pixels covers 0-based pixels 0..9, i.e. 1..10), kept inside the image.
 */
export function toVocCorners(
  box: ExportBox['box'],
  width: number,
  height: number,
): { xmin: number; ymin: number; xmax: number; ymax: number } {
  const clampTo = (v: number, max: number): number => Math.min(max, Math.max(1, v))
  const xmin = clampTo(Math.round(box.x) + 1, width)
  const ymin = clampTo(Math.round(box.y) + 1, height)
  return {
    xmin,
    ymin,
    xmax: Math.max(xmin, clampTo(Math.round(box.x + box.width), width)),
    ymax: Math.max(ymin, clampTo(Math.round(box.y + box.height), height)),
  }
}

/** Builds one image's Pascal VOC XML; a box that had to be clamped to the image is marked truncated. */
export function buildVocXml(
  image: VocImage,
  boxes: readonly AnnotationBox[],
  options: VocOptions = {},
): string {
  const { boxes: prepared } = prepareBoxes(
    { key: image.key, width: image.width, height: image.height, boxes },
    options.include ?? 'accepted',
  )
  const slash = image.key.lastIndexOf('/')
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${VOC_CONVENTION} -->`,
    '<annotation>',
  ]
  if (slash > 0) lines.push(`  <folder>${escapeXml(image.key.slice(0, slash))}</folder>`)
  lines.push(`  <filename>${escapeXml(image.key.slice(slash + 1))}</filename>`)
  if (options.absolutePath) lines.push(`  <path>${escapeXml(options.absolutePath)}</path>`)
  lines.push(
    '  <source>',
    '    <database>Promptlabel export</database>',
    '    <annotation>1-based integer corners</annotation>',
    '  </source>',
    '  <size>',
    `    <width>${image.width}</width>`,
    `    <height>${image.height}</height>`,
    `    <depth>${image.depth ?? 3}</depth>`,
    '  </size>',
    '  <segmented>0</segmented>',
  )
  for (const { className, box, clamped } of prepared) {
    const c = toVocCorners(box, image.width, image.height)
    lines.push(
      '  <object>',
      `    <name>${escapeXml(className)}</name>`,
      '    <pose>Unspecified</pose>',
      `    <truncated>${clamped ? 1 : 0}</truncated>`,
      '    <difficult>0</difficult>',
      '    <bndbox>',
      `      <xmin>${c.xmin}</xmin>`,
      `      <ymin>${c.ymin}</ymin>`,
      `      <xmax>${c.xmax}</xmax>`,
      `      <ymax>${c.ymax}</ymax>`,
      '    </bndbox>',
      '  </object>',
    )
  }
  lines.push('</annotation>', '')
  return lines.join('\n')
}
