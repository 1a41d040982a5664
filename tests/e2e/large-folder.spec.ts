import { copyFile, link, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeShapesImage } from '../support/test-images'
import { expect, test } from './fixtures'
import { ProjectPage } from './pages/project-page'

const FOLDERS = ['a', 'b', 'c', 'd']
const PER_FOLDER = 25_000
const TOTAL = FOLDERS.length * PER_FOLDER

/**
 * 100,000 images in four subfolders: hard links to a tiny PNG, so writing them takes seconds. Each
 * folder links its own copy (file systems cap the links to one file, ext4 at 65,000).
 */
async function writeHugeFolder(dir: string): Promise<void> {
  const tiny = join(dir, '..', 'tiny.png')
  await writeShapesImage(tiny, { width: 8, height: 8, format: 'png', shapes: [] })
  for (const folder of FOLDERS) {
    await mkdir(join(dir, folder), { recursive: true })
    const source = join(dir, '..', `tiny-${folder}.png`)
    await copyFile(tiny, source)
    for (let start = 1; start <= PER_FOLDER; start += 1_000) {
      const batch = Array.from({ length: 1_000 }, (_, i) =>
        link(source, join(dir, folder, `img${start + i}.png`)),
      )
      await Promise.all(batch)
    }
  }
}

test('opens a folder of 100,000 images at once and scrolls its filmstrip to the end', async ({
  workspace,
  workDir,
}) => {
  test.setTimeout(120_000)
  const dir = join(workDir, 'huge')
  await writeHugeFolder(dir)

  const project = new ProjectPage(workspace)
  await project.openFolder(dir)
  // The first images show without waiting for the whole list (speed is measured in bench/large-folder).
  await expect(project.item('a/img1.png')).toBeVisible()
  await project.expectSelected('a/img1.png')

  const count = workspace.page.getByTestId('filmstrip.count')
  await expect(count).toHaveAttribute('data-total', String(TOTAL), { timeout: 60_000 })
  await expect(count).not.toContainText('listing')

  // Virtualised: only the rows in view (and a few either side) are in the DOM.
  expect(await project.items.count()).toBeLessThan(60)
  await project.filmstrip.evaluate((list) => list.scrollTo({ top: list.scrollHeight }))
  const last = project.item(`d/img${PER_FOLDER}.png`)
  await expect(last).toBeVisible()
  expect(await project.items.count()).toBeLessThan(60)
  await expect(last).toHaveAttribute('data-index', String(TOTAL - 1))

  // Still responsive: the last image opens, and D at the end stays there.
  await last.click()
  await project.expectSelected(`d/img${PER_FOLDER}.png`)
  await workspace.page.keyboard.press('d')
  await project.expectSelected(`d/img${PER_FOLDER}.png`)
  await workspace.page.keyboard.press('a')
  await project.expectSelected(`d/img${PER_FOLDER - 1}.png`)

  // The middle, reached by scrolling, fills in from main as it comes into view.
  await project.filmstrip.evaluate((list) => list.scrollTo({ top: list.scrollHeight / 2 }))
  await expect(project.item('c/img1.png')).toBeVisible()
})
