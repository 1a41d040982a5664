import { describe, expect, it } from 'vitest'
import { cropFor, galleryItems } from '../../../src/renderer/src/core/lab-gallery'
import { GOOD, NO_BLUE, at, reportOf } from './lab-fixtures'

describe('galleryItems', () => {
  const report = reportOf(NO_BLUE)

  it('lists the misses with their image and true box', () => {
    expect(galleryItems(report, 'misses')).toEqual([
      {
        id: 'miss:a.png:blue:1',
        kind: 'misses',
        imageKey: 'a.png',
        className: 'blue',
        box: at(20, 20),
        confidence: null,
        reason: null,
      },
    ])
  })

  it('lists the false positives with their score and why they are false', () => {
    // The red at (50, 50) on b is the suggestion the labeler rejected: rejected again.
    expect(galleryItems(report, 'false-positives')).toEqual([
      {
        id: 'fp:b.png:1',
        kind: 'false-positives',
        imageKey: 'b.png',
        className: 'red',
        box: at(50, 50),
        confidence: 0.5,
        reason: 'rejected-again',
      },
    ])
  })

  it('keeps one class when asked, and is empty without a report or without mistakes', () => {
    expect(galleryItems(report, 'misses', 'red')).toEqual([])
    expect(galleryItems(report, 'false-positives', 'red')).toHaveLength(1)
    expect(galleryItems(null, 'misses')).toEqual([])
    expect(galleryItems(reportOf(GOOD), 'false-positives')).toEqual([])
  })
})

describe('cropFor', () => {
  it('centres the box with half its size around it and scales it to fit the frame', () => {
    // A 40x20 box with 20 px around it is an 80x60 region; into 120x90 that is 1.5 times.
    const crop = cropFor(
      { x: 100, y: 50, width: 40, height: 20 },
      { width: 400, height: 300 },
      {
        width: 120,
        height: 90,
      },
    )
    expect(crop.scale).toBe(1.5)
    // The box centre (120, 60) lands on the frame centre (60, 45).
    expect(crop.image).toEqual({ left: -120, top: -45, width: 600, height: 450 })
    expect(crop.box).toEqual({ left: 30, top: 30, width: 60, height: 30 })
  })

  it('does not blow a speck up past four times', () => {
    const crop = cropFor(
      { x: 10, y: 10, width: 4, height: 4 },
      { width: 400, height: 300 },
      {
        width: 120,
        height: 90,
      },
    )
    // 8x8 region would scale 11.25 times; capped at 4 the speck is 16 px, centred.
    expect(crop.scale).toBe(4)
    expect(crop.box).toEqual({ left: 52, top: 37, width: 16, height: 16 })
  })

  it('shows no more than the whole image around a box that fills it', () => {
    const crop = cropFor(
      { x: 0, y: 0, width: 400, height: 300 },
      { width: 400, height: 300 },
      {
        width: 120,
        height: 90,
      },
    )
    expect(crop.scale).toBe(0.3)
    expect(crop.image).toEqual({ left: 0, top: 0, width: 120, height: 90 })
  })
})
