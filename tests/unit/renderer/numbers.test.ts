import { describe, expect, it } from 'vitest'
import {
  readInteger,
  readNumber,
  readPercent,
  readUnit,
} from '../../../src/renderer/src/core/numbers'

describe('readNumber', () => {
  it('reads numbers, numeric text, a trailing percent sign and a decimal comma', () => {
    expect(readNumber(40)).toBe(40)
    expect(readNumber(' 40 ')).toBe(40)
    expect(readNumber('40 %')).toBe(40)
    expect(readNumber('0,5')).toBe(0.5)
    expect(readNumber('.25')).toBe(0.25)
  })

  it('reads a blank field (null from a bound number input) and garbage as nothing', () => {
    expect(readNumber(null)).toBeNull()
    expect(readNumber(undefined)).toBeNull()
    expect(readNumber('')).toBeNull()
    expect(readNumber('forty')).toBeNull()
    expect(readNumber('4 0')).toBeNull()
    expect(readNumber(Number.NaN)).toBeNull()
  })
})

describe('readPercent', () => {
  it('keeps 0..100 inclusive, as the hosted API documents its percents', () => {
    expect(readPercent(0)).toBe(0)
    expect(readPercent('100')).toBe(100)
    expect(readPercent('40%')).toBe(40)
  })

  it('refuses values outside 0..100', () => {
    expect(readPercent(-1)).toBeNull()
    expect(readPercent(100.5)).toBeNull()
  })
})

describe('readUnit', () => {
  it('keeps scores in 0..1 and refuses a percent typed by mistake', () => {
    expect(readUnit(0.99)).toBe(0.99)
    expect(readUnit('0.9999')).toBe(0.9999)
    expect(readUnit(99)).toBeNull()
  })
})

describe('readInteger', () => {
  it('keeps whole numbers in range only', () => {
    expect(readInteger('3', 0, 10)).toBe(3)
    expect(readInteger(1.5, 0, 10)).toBeNull()
    expect(readInteger(11, 0, 10)).toBeNull()
  })
})
