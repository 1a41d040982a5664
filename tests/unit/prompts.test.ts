import { describe, expect, it } from 'vitest'
import { AppError } from '../../src/shared/errors'
import {
  buildGroundingDinoPrompts,
  mapPromptToClass,
  sanitisePrompt,
} from '../../src/shared/prompts'

describe('sanitisePrompt', () => {
  it('lowercases, because the model only matches lowercased phrases (§1.4)', () => {
    expect(sanitisePrompt('Dog')).toBe('dog')
  })

  it('turns hyphens and punctuation into spaces, as BERT decodes "t-shirt" as "t - shirt"', () => {
    expect(sanitisePrompt('T-Shirt')).toBe('t shirt')
    expect(sanitisePrompt("men's  shoe (left)!")).toBe('men s shoe left')
  })

  it('collapses and trims whitespace', () => {
    expect(sanitisePrompt('  traffic \t\n light  ')).toBe('traffic light')
  })

  it('strips accents, as the uncased tokenizer does', () => {
    expect(sanitisePrompt('Café Crème')).toBe('cafe creme')
  })

  it('keeps digits and non-Latin letters', () => {
    expect(sanitisePrompt('Route 66 sign')).toBe('route 66 sign')
    expect(sanitisePrompt('кошка')).toBe('кошка')
  })
})

describe('buildGroundingDinoPrompts', () => {
  it('maps every prompt back to the class the user typed', () => {
    const { prompts, mapping } = buildGroundingDinoPrompts(['Red Car', 'T-Shirt'])
    expect(prompts).toEqual(['red car', 't shirt'])
    expect(mapping).toEqual([
      { prompt: 'red car', className: 'Red Car' },
      { prompt: 't shirt', className: 'T-Shirt' },
    ])
  })

  it('puts a prompt that contains another before it, so "dog" cannot steal "hot dog"', () => {
    expect(buildGroundingDinoPrompts(['dog', 'cat', 'hot dog']).prompts).toEqual([
      'cat',
      'hot dog',
      'dog',
    ])
  })

  it('orders chains of containment most specific first and keeps user order otherwise', () => {
    // "big hot dog" ⊃ "hot dog" ⊃ "dog"; "bobcat" ⊃ "cat"; "tree" is unrelated and stays first
    const { prompts } = buildGroundingDinoPrompts([
      'tree',
      'dog',
      'cat',
      'hot dog',
      'bobcat',
      'big hot dog',
    ])
    expect(prompts).toEqual(['tree', 'bobcat', 'cat', 'big hot dog', 'hot dog', 'dog'])
    for (const [i, p] of prompts.entries()) {
      for (const later of prompts.slice(i + 1)) expect(later.includes(p)).toBe(false)
    }
  })

  it('leaves the order alone when no prompt contains another', () => {
    expect(buildGroundingDinoPrompts(['zebra', 'apple', 'moon']).prompts).toEqual([
      'zebra',
      'apple',
      'moon',
    ])
  })

  it('merges classes that sanitise to the same prompt into the first one and reports it', () => {
    const result = buildGroundingDinoPrompts(['Dog', 'cat', 'dog!', 'Dog'])
    expect(result.prompts).toEqual(['dog', 'cat'])
    expect(result.mapping).toEqual([
      { prompt: 'dog', className: 'Dog' },
      { prompt: 'cat', className: 'cat' },
    ])
    // the exact repeat of "Dog" loses nothing, so only "dog!" is reported
    expect(result.merged).toEqual([{ className: 'dog!', prompt: 'dog', mergedInto: 'Dog' }])
  })

  it('refuses a class with nothing left after sanitising, naming it', () => {
    let error: unknown
    try {
      buildGroundingDinoPrompts(['dog', '---'])
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid-input')
    expect((error as AppError).message).toContain('"---"')
  })
})

describe('mapPromptToClass', () => {
  const { mapping } = buildGroundingDinoPrompts(['Hot-Dog', 'Dog'])

  it('maps the exact prompt the server echoes back', () => {
    expect(mapPromptToClass('hot dog', mapping)).toBe('Hot-Dog')
    expect(mapPromptToClass('dog', mapping)).toBe('Dog')
  })

  it('falls back to the prompt itself when it is not in the mapping', () => {
    expect(mapPromptToClass('cat', mapping)).toBe('cat')
  })
})
