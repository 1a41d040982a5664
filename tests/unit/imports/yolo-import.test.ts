import { mkdtemp, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildYolo } from '../../../src/main/services/exports/yolo'
import { parseDataYamlNames } from '../../../src/main/services/imports/data-yaml'
import { parseYoloFolder, parseYoloLabels } from '../../../src/main/services/imports/yolo-import'
import { SAMPLE_CLASSES, sampleImages } from '../exports/sample-project'

describe('data.yaml class names', () => {
  it('reads every way Ultralytics files list names', () => {
    const forms = [
      'names:\n  0: cat\n  1: "big dog"\n',
      'names:\n  1: "big dog"\n  0: cat # first\n',
      "names: ['cat', 'big dog']\n",
      'names: {0: cat, 1: big dog}\n',
      'path: x\nnames:\n- cat\n- big dog\nnc: 2\n',
    ]
    for (const form of forms) expect(parseDataYamlNames(form), form).toEqual(['cat', 'big dog'])
    expect(parseDataYamlNames('nc: 2\n')).toEqual(['class_0', 'class_1'])
  })

  it('reads back the quoted names the exporter writes', () => {
    const names = ['no', 'a: b', '#tag', 'back\\slash', 'tab\there', 'птица "Q"', "it's"]
    const yaml = buildYolo({ classes: names, images: [] }).files.at(-1)!.content
    expect(parseDataYamlNames(yaml)).toEqual(names)
  })
})

describe('YOLO labels import', () => {
  const image = { key: 'a/b.jpg', width: 200, height: 100 }

  it('reads centre boxes in oriented pixels; a sixth number is a model confidence', () => {
    const text = '0 0.5 0.5 0.2 0.4\n1 0.1 0.1 0.1 0.1 0.65\n\n'
    const { image: parsed } = parseYoloLabels(text, image, ['cat', 'dog'])
    expect(parsed.boxes.map((b) => [b.className, b.box, b.source, b.state, b.confidence])).toEqual([
      ['cat', { x: 80, y: 30, width: 40, height: 40 }, 'user', 'accepted', null],
      ['dog', { x: 10, y: 5, width: 20, height: 10 }, 'model', 'suggested', 0.65],
    ])
  })

  it('boxes polygons, clamps overhangs and reports lines it cannot use', () => {
    const text = '0 0.1 0.1 0.3 0.1 0.3 0.5\n0 0.95 0.5 0.2 0.2\n5 0.5 0.5 0.1 0.1\nhello\n'
    const result = parseYoloLabels(text, image, ['cat'])
    expect(result.image.boxes.map((b) => b.box)).toEqual([
      { x: 20, y: 10, width: 40, height: 40 },
      // 170..210 wide in a 200 px image.
      { x: 170, y: 40, width: 30, height: 20 },
    ])
    expect(result.clamped.map((n) => n.where)).toEqual(['a/b.jpg, line 2'])
    expect(result.skipped).toEqual([
      { where: 'a/b.jpg, line 3', message: 'class 5 is not in the class list' },
      { where: 'a/b.jpg, line 4', message: 'is not "class cx cy w h"' },
    ])
  })

  it('reads an exported folder back to the same boxes (to the 6 decimals written)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'promptlabel-yolo-import-'))
    const built = buildYolo({ classes: SAMPLE_CLASSES, images: sampleImages() })
    for (const file of built.files) {
      await mkdir(dirname(join(dir, file.path)), { recursive: true })
      await writeFile(join(dir, file.path), file.content)
    }
    const images = [...sampleImages(), { key: 'unlabelled.jpg', width: 10, height: 10, boxes: [] }]
    await writeFile(join(dir, 'labels', 'stray.txt'), '0 0.5 0.5 0.1 0.1\n')
    const sizes = new Map(images.map((i) => [i.key, { width: i.width, height: i.height }]))
    const result = await parseYoloFolder({
      labelsDir: join(dir, 'labels'),
      namesFile: join(dir, 'data.yaml'),
      keys: images.map((i) => i.key),
      sizeOf: async (key) => sizes.get(key)!,
    })
    expect(result.orphanLabels).toEqual(['stray.txt'])
    expect(result.classes).toEqual(SAMPLE_CLASSES)
    expect(result.unlabelled).toEqual(['unlabelled.jpg'])
    expect(result.images.map((i) => [i.key, i.boxes.length])).toEqual([
      ['a.jpg', 3],
      ['sub/b.png', 0],
      ['sub/фото 1.jpg', 1],
    ])
    const dog = result.images[0]!.boxes[1]!
    expect(dog.className).toBe('dog')
    // 200.457, 100.123, 50.4 x 60.3 written to 1e-6 of 640 / 480 px: within 0.001 px.
    expect(dog.box.x).toBeCloseTo(200.457, 3)
    expect(dog.box.y).toBeCloseTo(100.123, 3)
    expect(dog.box.width).toBeCloseTo(50.4, 3)
    expect(dog.box.height).toBeCloseTo(60.3, 3)
  })
})
