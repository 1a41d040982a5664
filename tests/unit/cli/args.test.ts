import { describe, expect, it } from 'vitest'
import { parseCommand, type DetectOptions } from '../../../src/cli/args'

const detect = (argv: string[]): DetectOptions => {
  const command = parseCommand(argv)
  if (command.name !== 'detect') throw new Error(`expected detect, got ${command.name}`)
  return command.options
}

describe('command-line parsing', () => {
  it('reads every flag of detect', () => {
    const options = detect([
      'detect',
      'a.jpg',
      'фото 1.jpg',
      '--server',
      'http://localhost:9001',
      '--server=http://127.0.0.1:9002',
      '--model',
      'grounding-dino',
      '--classes',
      'dog,cat',
      '--classes',
      'bird',
      '--prompt',
      'red car',
      '--prompt',
      'bike',
      '--examples',
      'refs/coco.json',
      '--confidence',
      '50',
      '--overlap',
      '0.3',
      '--box-threshold',
      '0.4',
      '--text-threshold',
      '0.2',
      '--max-upload-side',
      '0',
      '--json',
      '--verbose',
    ])
    expect(options).toEqual({
      images: ['a.jpg', 'фото 1.jpg'],
      servers: ['http://localhost:9001', 'http://127.0.0.1:9002'],
      profile: undefined,
      dataDir: undefined,
      model: 'grounding-dino',
      classes: ['dog,cat', 'bird'],
      prompts: ['red car', 'bike'],
      examples: 'refs/coco.json',
      confidence: 50,
      overlap: 0.3,
      boxThreshold: 0.4,
      textThreshold: 0.2,
      maxUploadSide: 0,
      json: true,
      verbose: true,
    })
  })

  it('reads --profile with --data-dir, and -m for --model', () => {
    const options = detect([
      'detect',
      'x.png',
      '--profile',
      'Lab',
      '--data-dir',
      '/d',
      '-m',
      'owlv2',
    ])
    expect(options).toMatchObject({ profile: 'Lab', dataDir: '/d', servers: [], model: 'owlv2' })
    expect(options.json).toBe(false)
  })

  it('recognises help and version wherever they appear', () => {
    expect(parseCommand(['--help'])).toEqual({ name: 'help' })
    expect(parseCommand(['-h'])).toEqual({ name: 'help' })
    expect(parseCommand(['help'])).toEqual({ name: 'help' })
    expect(parseCommand(['detect', 'a.jpg', '--help'])).toEqual({ name: 'help' })
    expect(parseCommand(['--version'])).toEqual({ name: 'version' })
  })

  it('names an unknown flag plainly, without node:util advice about "--"', () => {
    expect(() => parseCommand(['detect', 'a.jpg', '--bogus'])).toThrow(/^Unknown option --bogus\.$/)
  })

  it('says which flag is missing its value', () => {
    expect(() => parseCommand(['detect', 'a.jpg', '--server'])).toThrow(/--server needs a value/)
    expect(() => parseCommand(['detect', 'a.jpg', '--json=yes'])).toThrow(
      /--json does not take a value/,
    )
  })

  it('rejects numbers that are not numbers and upload sides that are not whole pixels', () => {
    const base = ['detect', 'a.jpg', '--server', 'http://h']
    expect(() => detect([...base, '--confidence', 'high'])).toThrow(
      /--confidence needs a number; got "high"/,
    )
    expect(() => detect([...base, '--overlap', ''])).toThrow(/--overlap needs a number/)
    expect(() => detect([...base, '--max-upload-side', '12.5'])).toThrow(/whole number of pixels/)
    expect(() => detect([...base, '--max-upload-side=-1'])).toThrow(/whole number of pixels/)
    expect(detect([...base, '--box-threshold=-1']).boxThreshold).toBe(-1)
  })

  it('asks for a command, a known command, images and exactly one server source', () => {
    expect(() => parseCommand([])).toThrow(/Missing the command/)
    expect(() => parseCommand(['label', 'a.jpg'])).toThrow(/Unknown command "label"/)
    expect(() => parseCommand(['detect', '--server', 'http://h'])).toThrow(/at least one image/)
    expect(() => parseCommand(['detect', 'a.jpg'])).toThrow(/--server <url> or --profile <name>/)
    expect(() =>
      parseCommand(['detect', 'a.jpg', '--server', 'http://h', '--profile', 'p']),
    ).toThrow(/either --server or --profile/)
    expect(() =>
      parseCommand(['detect', 'a.jpg', '--server', 'http://h', '--data-dir', '/d']),
    ).toThrow(/--data-dir only applies with --profile/)
  })
})
