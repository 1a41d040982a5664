import type { LaunchTarget } from '../../../shared/server-setup'
import type { DropTarget } from '../core/drop-target'
import type { ProjectState } from './project-state.svelte'

/** Why a drop opened nothing, in plain words; null when it opens something. */
export function dropNote(target: DropTarget): string | null {
  if (target.kind === 'no-paths') {
    return 'The browser does not tell the app where a dropped file lives, so it cannot open it. Type the folder’s path instead, or use the desktop app, where dropping works.'
  }
  if (target.kind === 'unsupported') {
    return `Drop a folder, an image (JPEG, PNG, WebP, TIFF, BMP) or an annotations file (COCO .json, YOLO data.yaml); “${target.names.join('”, “')}” is none of these.`
  }
  return null
}

/** Opens what the command line named: a project, a folder, or an image's folder at that image. */
export async function openLaunchTarget(project: ProjectState, target: LaunchTarget): Promise<void> {
  if (target.kind === 'project') await project.openProject(target.dir)
  else if (target.kind === 'folder') await project.openFolder(target.dir)
  else await project.openFolder(target.dir, target.path.slice(target.dir.length + 1))
}
