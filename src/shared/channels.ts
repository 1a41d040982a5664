/**
 * Channel and topic names alone, free of any dependency, so the sandboxed preload can allow-list
 * them without bundling the schemas. contract.ts checks at compile time that both lists agree.
 */
export const CHANNEL_NAMES = [
  'app.info',
  'profile.list',
  'profile.save',
  'profile.duplicate',
  'profile.delete',
  'profile.activate',
  'secret.set',
  'secret.clear',
  'connection.test',
  'image.open',
  'image.pick',
  'detection.run',
  'detection.cancel',
  'project.openFolder',
  'project.open',
  'project.pickFolder',
  'project.recent',
  'project.images',
  'project.update',
  'annotations.get',
  'annotations.save',
  'review.acceptAbove',
  'review.markDone',
  'review.nextPending',
  'export.start',
  'export.cancel',
  'export.pickTarget',
  'export.suggestFolder',
  'import.run',
  'import.cancel',
  'import.pickSource',
  'batch.start',
  'batch.pause',
  'batch.resume',
  'batch.cancel',
  // The prompt lab (issue 13)
  'lab.truth',
  'lab.candidates',
  'lab.saveCandidate',
  'lab.deleteCandidate',
  'lab.run',
  'lab.cancel',
  'lab.score',
  'lab.detections',
  // Getting a server, launch arguments (issue 8)
  'setup.status',
  'setup.commands',
  'setup.startLocalServer',
  'setup.stopLocalServer',
  'app.launchArgs',
] as const

export const TOPIC_NAMES = [
  'detection.status',
  'batch.progress',
  'batch.finished',
  'project.scan',
  'project.imageStatus',
  'project.classes',
  'export.progress',
  'export.finished',
  'import.progress',
  'lab.progress',
  'lab.finished',
  // Getting a server, native menus (issue 8)
  'setup.log',
  'menu.command',
] as const

/** The IPC channel that carries every push event as `{ topic, payload }`. */
export const EVENT_IPC_CHANNEL = 'promptlabel.event'
