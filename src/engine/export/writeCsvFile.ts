// Writes a CSV atomically (temp file, then rename) so a failed write never leaves a half file; errors
// become WRITE_FAILED with the reason (read-only, disk full, …), and the caller keeps its data.
import { promises as fs } from 'fs';
import * as path from 'path';
import { EngineError } from '../errors';
import { errorMessage } from '../../shared/errorMessage';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied (read-only location?)',
  EPERM: 'permission denied (read-only location?)',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'the target is a folder',
};

export async function writeCsvFile(filePath: string, content: string): Promise<void> {
  const tmp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${process.pid}.tmp`);
  try {
    await fs.mkdir(path.dirname(filePath), { recursive: true });
    await fs.writeFile(tmp, content, 'utf8');
    await fs.rename(tmp, filePath);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? errorMessage(err);
    throw new EngineError('WRITE_FAILED', `Could not write ${filePath}: ${reason}. The data is still in memory; choose another location.`);
  }
}
