// Reads a text file line by line, gunzipping transparently when the file starts with the gzip magic bytes.
import { createReadStream, promises as fs } from 'fs';
import { createGunzip } from 'zlib';
import { createInterface } from 'readline';
import { Readable } from 'stream';
import { EngineError } from '../errors';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/** errno codes in words, for one-line error messages. */
function describeFsError(err: NodeJS.ErrnoException): string {
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a directory' };
  return (err.code && words[err.code]) ?? err.code ?? err.message;
}

export async function isGzipFile(path: string): Promise<boolean> {
  const handle = await fs.open(path, 'r').catch((err: NodeJS.ErrnoException) => {
    throw new EngineError('FILE_UNREADABLE', `Cannot read ${path}: ${describeFsError(err)}`);
  });
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0).catch((err: NodeJS.ErrnoException) => {
      throw new EngineError('FILE_UNREADABLE', `Cannot read ${path}: ${describeFsError(err)}`);
    });
    return bytesRead === 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
  } finally {
    await handle.close();
  }
}

/** Yields the file's lines without their line terminators; `.gz` content is decompressed on the fly. */
export async function* readLines(path: string): AsyncGenerator<string> {
  const gz = await isGzipFile(path);
  let input: Readable = createReadStream(path);
  if (gz) input = input.pipe(createGunzip());
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } catch (err) {
    throw new EngineError('FILE_UNREADABLE', `Cannot read ${path}: ${(err as Error).message}`);
  } finally {
    rl.close();
    input.destroy();
  }
}
