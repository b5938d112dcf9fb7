// Reads a text file line by line, gunzipping transparently when the file starts with the gzip magic bytes.
import { createReadStream, promises as fs } from 'fs';
import { createGunzip } from 'zlib';
import { createInterface } from 'readline';
import { pipeline, Readable, Transform } from 'stream';
import { EngineError } from '../errors';
import { errorMessage } from '../../shared/errorMessage';

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
/** Longest line accepted: real lines are under a few kB; a file without line breaks is not text we read. */
export const MAX_LINE_BYTES = 4 * 2 ** 20;
const NEWLINE = 0x0a;

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
  const file = createReadStream(path);
  // The guard stops a file without line breaks: readline would grow one string until V8's limit and
  // throw outside the iterator (a crash). pipeline() carries a gunzip error on to the reader.
  const noop = () => undefined;
  const input: Readable = gz ? pipeline(file, createGunzip(), lineLengthGuard(path), noop) : pipeline(file, lineLengthGuard(path), noop);
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of rl) yield line;
  } catch (err) {
    if (err instanceof EngineError) throw err;
    throw new EngineError('FILE_UNREADABLE', `Cannot read ${path}: ${errorMessage(err)}`);
  } finally {
    rl.close();
    input.destroy();
    file.destroy();
  }
}

/** Passes bytes through, failing once a line runs past MAX_LINE_BYTES (checked at chunk ends; chunks are 16–64 kB). */
function lineLengthGuard(path: string): Transform {
  let run = 0; // bytes since the last line break
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const first = chunk.indexOf(NEWLINE);
      const tooLong = first < 0 ? (run += chunk.length) > MAX_LINE_BYTES : run + first > MAX_LINE_BYTES;
      if (first >= 0) run = chunk.length - chunk.lastIndexOf(NEWLINE) - 1;
      if (tooLong || run > MAX_LINE_BYTES) {
        done(new EngineError('PARSE_ERROR', `${path}: a line is longer than ${MAX_LINE_BYTES / 2 ** 20} MiB; this is not a trade or OHLC text file.`));
        return;
      }
      done(null, chunk);
    },
  });
}
