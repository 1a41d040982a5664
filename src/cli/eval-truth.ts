import { parseCoco } from '../main/services/imports/coco-import'
import { fitToImage, readCocoFile } from '../main/services/imports/import-service'
import type { TruthImage } from '../main/services/lab/truth'

/** A COCO file read as a truth set for the folder's images. */
export interface CocoTruth {
  images: TruthImage[]
  /** What was skipped or changed on the way, one line each ("where: why"). */
  notes: string[]
}

/**
 * Reads `--truth <coco.json>` the way `import` reads a COCO file: each file name is matched to an
 * image of the folder (its path, the end of it, or a bare name found once), boxes are [x, y, w, h]
 * in pixels of the image as the file says, and the file's size is checked against the image's own
 * after EXIF rotation (the same shape at another size is scaled, another shape refused). Every box
 * is a true object, whatever its "score"; every matched image is truth, one without boxes too.
 */
export async function readCocoTruth(
  path: string,
  keys: readonly string[],
  sizeOf: (key: string) => Promise<{ width: number; height: number }>,
): Promise<CocoTruth> {
  const parsed = parseCoco(await readCocoFile(path), { imageKeys: keys })
  const notes = [...parsed.skippedImages, ...parsed.skippedAnnotations, ...parsed.clamped].map(
    (note) => `${note.where}: ${note.message}`,
  )
  const images: TruthImage[] = []
  for (const image of parsed.images) {
    let size: { width: number; height: number }
    try {
      size = await sizeOf(image.key)
    } catch (error) {
      notes.push(`${image.key}: ${error instanceof Error ? error.message : String(error)}`)
      continue
    }
    const fitted = fitToImage(image, size)
    if ('refused' in fitted) {
      notes.push(`${fitted.refused.where}: ${fitted.refused.message}`)
      continue
    }
    if (fitted.note !== null) notes.push(`${fitted.note.where}: ${fitted.note.message}`)
    images.push({
      key: image.key,
      width: fitted.image.width,
      height: fitted.image.height,
      truth: fitted.image.boxes.map((b) => ({ className: b.className, box: b.box })),
      rejected: [],
    })
  }
  return { images, notes }
}
