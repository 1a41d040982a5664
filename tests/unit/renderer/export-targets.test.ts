import { describe, expect, it } from 'vitest'
import {
  messageLines,
  suggestTarget,
  targetIsFile,
} from '../../../src/renderer/src/core/export-targets'

describe('export targets', () => {
  it('names the target after the images folder and the format, in the folder main proposed', () => {
    expect(suggestTarget('/data', '/data/shoot 1', 'coco', false)).toBe('/data/shoot 1-coco.json')
    // The samples live inside the app; main proposes Documents, the name still follows the folder.
    expect(
      suggestTarget('/home/ana/Documents/', '/opt/app/resources/samples/', 'yolo', false),
    ).toBe('/home/ana/Documents/samples-yolo')
    expect(suggestTarget('/data', '/data/shoot', 'coco', true)).toBe('/data/shoot-coco')
    expect(suggestTarget('C:\\Users\\ana', 'C:\\Users\\ana\\fotos', 'voc', false)).toBe(
      'C:\\Users\\ana\\fotos-voc',
    )
    expect(suggestTarget('/', '/shoot', 'annotated', false)).toBe('/shoot-annotated')
  })

  it('writes one file only for COCO without copied images', () => {
    expect(targetIsFile('coco', false)).toBe(true)
    expect(targetIsFile('coco', true)).toBe(false)
    expect(targetIsFile('yolo', false)).toBe(false)
  })

  it('splits a refusal into one reason a line, without list markers', () => {
    expect(messageLines('COCO file refused:\n- image 3 has no size\n  • duplicate id 7\n')).toEqual(
      ['COCO file refused:', 'image 3 has no size', 'duplicate id 7'],
    )
  })
})
