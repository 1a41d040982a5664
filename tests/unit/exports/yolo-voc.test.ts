import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readImageInfo } from '../../../src/main/services/images/image-info'
import { buildDataYaml, buildYolo } from '../../../src/main/services/exports/yolo'
import { buildVocXml, toVocCorners } from '../../../src/main/services/exports/voc'
import { makeShapesImage } from '../../support/test-images'
import { readGolden, SAMPLE_CLASSES, sampleImages } from './sample-project'

describe('YOLO export', () => {
  it('matches the hand-checked golden label files and data.yaml', async () => {
    const result = buildYolo({ classes: SAMPLE_CLASSES, images: sampleImages() })
    expect(result.files.map((f) => f.path)).toEqual([
      'labels/a.txt',
      'labels/sub/b.txt',
      'labels/sub/фото 1.txt',
      'data.yaml',
    ])
    for (const file of result.files) {
      const golden = file.path === 'data.yaml' ? 'yolo/data.yaml.golden' : `yolo/${file.path}`
      expect(file.content, file.path).toBe(await readGolden(golden))
    }
    expect([result.problems, result.clamped, result.dropped]).toEqual([[], 2, 1])
  })

  it('normalises by the EXIF-oriented size, not the stored one', async () => {
    // Stored 200x300 with orientation 6: shown (and labelled) as 300x200.
    const shapes = await makeShapesImage({ width: 300, height: 200, orientation: 6, shapes: [] })
    const path = join(await mkdtemp(join(tmpdir(), 'promptlabel-yolo-')), 'turned.jpg')
    await writeFile(path, shapes.buffer)
    const info = await readImageInfo(path)
    expect([info.width, info.height, info.orientation]).toEqual([300, 200, 6])
    const box = { x: 30, y: 20, width: 60, height: 40 }
    const image = {
      key: 'turned.jpg',
      width: info.width,
      height: info.height,
      boxes: [
        {
          id: 'a',
          className: 'cat',
          box,
          confidence: null,
          source: 'user' as const,
          state: 'accepted' as const,
        },
      ],
    }
    const [labels] = buildYolo({ classes: ['cat'], images: [image] }).files
    // Centre (60, 40) and size 60x40 over 300x200: 0.2 each. The stored 200x300 would give 0.3.
    expect(labels!.content).toBe('0 0.200000 0.200000 0.200000 0.200000\n')
  })

  it('refuses two images that would share one label file', () => {
    const images = [
      { key: 'a/x.jpg', width: 10, height: 10, boxes: [] },
      { key: 'a/x.png', width: 10, height: 10, boxes: [] },
    ]
    expect(buildYolo({ classes: [], images }).problems).toEqual([
      'a/x.jpg, a/x.png would share the label file labels/a/x.txt: rename one of them.',
    ])
  })

  it('quotes every class name so YAML reads it back as that exact string', () => {
    const yaml = buildDataYaml(['no', '1', 'a: b', '#tag', 'back\\slash', 'tab\there', '猫'])
    expect(yaml).toContain(
      [
        '  0: "no"',
        '  1: "1"',
        '  2: "a: b"',
        '  3: "#tag"',
        '  4: "back\\\\slash"',
        '  5: "tab\\u0009here"',
        '  6: "猫"',
      ].join('\n'),
    )
  })

  it('writes an absolute dataset path only when asked', () => {
    expect(buildDataYaml(['cat'])).not.toMatch(/^path:/m)
    expect(buildDataYaml(['cat'], '/data/set')).toMatch(/^path: "\/data\/set"$/m)
  })
})

describe('Pascal VOC export', () => {
  it('matches the hand-checked golden XML, 1-based corners, truncated where clamped', async () => {
    const [a, , photo] = sampleImages()
    expect(buildVocXml(a!, a!.boxes)).toBe(await readGolden('voc/a.xml'))
    expect(buildVocXml(photo!, photo!.boxes)).toBe(await readGolden('voc/фото 1.xml'))
  })

  it('maps a box over 0-based pixels 0..9 to corners 1..10', () => {
    expect(toVocCorners({ x: 0, y: 0, width: 10, height: 10 }, 100, 100)).toEqual({
      xmin: 1,
      ymin: 1,
      xmax: 10,
      ymax: 10,
    })
  })

  it('escapes names and file names for XML', () => {
    const xml = buildVocXml({ key: 'R&D/<1>.jpg', width: 10, height: 10 }, [
      {
        id: 'a',
        className: 'fish & "chips" <3',
        box: { x: 1, y: 1, width: 5, height: 5 },
        confidence: null,
        source: 'user',
        state: 'accepted',
      },
    ])
    expect(xml).toContain('<folder>R&amp;D</folder>')
    expect(xml).toContain('<filename>&lt;1&gt;.jpg</filename>')
    expect(xml).toContain('<name>fish &amp; &quot;chips&quot; &lt;3</name>')
  })
})
