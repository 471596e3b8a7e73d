export { writeBackup, type BackupInput } from './write-backup.ts';
export { verifyArchive } from './read-archive.ts';
export { restoreBackup, type RestoreInput } from './restore-backup.ts';
export { BackupErrors } from './backup.errors.ts';
export type { Manifest } from './archive-format.ts';
