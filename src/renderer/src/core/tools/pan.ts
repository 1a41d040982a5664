import type { Point } from '../viewport'

/** Panning follows the pointer in screen pixels (Space+drag, middle drag, or a drag on nothing). */
export type PanState = { phase: 'idle' } | { phase: 'panning'; last: Point }

export type PanCommand = { type: 'pan'; dx: number; dy: number }

export const PAN_IDLE: PanState = { phase: 'idle' }

export function panDown(point: Point): PanState {
  return { phase: 'panning', last: point }
}

export function panMove(
  state: PanState,
  point: Point,
): { state: PanState; command: PanCommand | null } {
  if (state.phase !== 'panning') return { state, command: null }
  const command: PanCommand = {
    type: 'pan',
    dx: point.x - state.last.x,
    dy: point.y - state.last.y,
  }
  return { state: { phase: 'panning', last: point }, command }
}

export function panUp(): PanState {
  return PAN_IDLE
}
