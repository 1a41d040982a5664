export interface UploadSize {
  width: number
  height: number
  /** original / uploaded (>= 1): multiply upload pixels by it to get original pixels. */
  scale: number
}

/**
 * Upload size for an oriented image: the long side shrinks to maxSide (never enlarged; 0 = no
 * limit), and one scale factor maps both axes back, since the server resizes anyway (§6.10).
 */
export function uploadScale(origW: number, origH: number, maxSide: number): UploadSize {
  const long = Math.max(origW, origH)
  if (maxSide <= 0 || long <= maxSide) return { width: origW, height: origH, scale: 1 }
  const scale = long / maxSide
  return {
    width: Math.max(1, Math.round(origW / scale)),
    height: Math.max(1, Math.round(origH / scale)),
    scale,
  }
}
