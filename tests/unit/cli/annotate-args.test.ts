import { describe, expect, it } from 'vitest'
import { parseCommand, type AnnotateOptions } from '../../../src/cli/args'

const annotate = (argv: string[]): AnnotateOptions => {
  const command = parseCommand(['annotate', ...argv])
  if (command.name !== 'annotate') throw new Error(`expected annotate, got ${command.name}`)
  return command.options
}

const BASE = ['photos', '--out', 'proj', '--server', 'http://h']

describe('annotate flags', () => {
  it('reads every flag of annotate, model flags included', () => {
    expect(
      annotate([
        'фото/',
        '-o',
        'proj',
        '--server',
        'http://localhost:9001',
        '--timeout',
        '2.5',
        '-m',
        'grounding-dino',
        '--classes',
        'dog,cat',
        '--box-threshold',
        '0.4',
        '--max-upload-side',
        '800',
        '--concurrency',
        '8',
        '--retry-failed',
        '--export-coco',
        'out/coco.json',
        '--export-annotated',
        'out/drawn',
        '--overwrite',
        '--json',
      ]),
    ).toEqual({
      folder: 'фото/',
      out: 'proj',
      servers: ['http://localhost:9001'],
      profile: undefined,
      dataDir: undefined,
      timeoutMs: 2500,
      model: 'grounding-dino',
      classes: ['dog,cat'],
      prompts: [],
      examples: undefined,
      confidence: undefined,
      overlap: undefined,
      boxThreshold: 0.4,
      textThreshold: undefined,
      concurrency: 8,
      scope: 'failed',
      exportCoco: 'out/coco.json',
      exportAnnotated: 'out/drawn',
      overwrite: true,
      maxUploadSide: 800,
      json: true,
      verbose: false,
    })
  })

  it('maps --only-new to the "new" scope and defaults to every image', () => {
    expect(annotate([...BASE, '--only-new']).scope).toBe('new')
    expect(annotate(BASE).scope).toBe('all')
  })

  it('asks for exactly one folder and an --out', () => {
    expect(() => annotate(['--out', 'p', '--server', 'http://h'])).toThrow(/Give the folder/)
    expect(() => annotate(['a', 'b', '--out', 'p', '--server', 'http://h'])).toThrow(
      /takes one folder .*got 2 paths/,
    )
    expect(() => annotate(['photos', '--server', 'http://h'])).toThrow(/--out <project-dir>/)
  })

  it('rejects contradictions and out-of-range numbers', () => {
    expect(() => annotate([...BASE, '--only-new', '--retry-failed'])).toThrow(/not both/)
    expect(() => annotate([...BASE, '--concurrency', '0'])).toThrow(/from 1 to 64/)
    expect(() => annotate([...BASE, '--concurrency', '2.5'])).toThrow(/from 1 to 64/)
    expect(() => annotate([...BASE, '--timeout', '0.5'])).toThrow(/from 1 to 1800 seconds/)
    expect(() => annotate([...BASE, '--overwrite'])).toThrow(/--export-annotated/)
    expect(() => annotate(['photos', '--out', 'p', '--profile', 'Lab', '--timeout', '5'])).toThrow(
      /--timeout only applies with --server/,
    )
  })

  it('says which command a misplaced flag belongs to', () => {
    expect(() => parseCommand(['detect', 'a.jpg', '--server', 'http://h', '--out', 'p'])).toThrow(
      /--out is not an option of "promptlabel detect" \(it belongs to annotate, import, eval\)/,
    )
    expect(() => parseCommand(['validate', 'x.json', '--server', 'http://h'])).toThrow(
      /--server is not an option of "promptlabel validate"/,
    )
  })

  it('gives each command its own help', () => {
    expect(parseCommand(['annotate', '--help'])).toEqual({ name: 'help', topic: 'annotate' })
    expect(parseCommand(['help', 'validate'])).toEqual({ name: 'help', topic: 'validate' })
    expect(parseCommand(['detect', '--help'])).toEqual({ name: 'help' })
  })

  it('takes --timeout on detect too, in seconds', () => {
    const command = parseCommand(['detect', 'a.jpg', '--server', 'http://h', '--timeout', '30'])
    expect(command).toMatchObject({ name: 'detect', options: { timeoutMs: 30_000 } })
  })
})
