import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/** Input of the snapshot reader: raw bytes or CDP `addHeapSnapshotChunk` strings, in order. */
export type SnapshotChunks = AsyncIterable<Uint8Array | string>;

const READ_SIZE = 2 * 1024 * 1024;

/** Streams a file as byte chunks; the next read is issued before the caller parses the current one. */
export async function* fileChunks(file: string, chunkSize = READ_SIZE, start = 0): AsyncGenerator<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    // Double buffering: while the caller scans one buffer the kernel fills the other.
    let position = start;
    let pending = handle.read(Buffer.allocUnsafe(chunkSize), 0, chunkSize, position);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) return;
      position += bytesRead;
      pending = handle.read(Buffer.allocUnsafe(chunkSize), 0, chunkSize, position);
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Adapts any chunk source (bytes or strings) to bytes, so the parser has one input type. */
export async function* asBytes(source: SnapshotChunks): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (typeof chunk === 'string') {
      if (chunk.length) yield Buffer.from(chunk, 'utf8');
    } else if (chunk.length) {
      yield chunk;
    }
  }
}

/** Streams a gzip-compressed snapshot (e.g. a committed fixture) as decompressed byte chunks. */
export async function* gzipFileChunks(file: string): AsyncGenerator<Uint8Array> {
  const stream = fs.createReadStream(file, { highWaterMark: READ_SIZE }).pipe(zlib.createGunzip({ chunkSize: 1024 * 1024 }));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    stream.destroy();
  }
}

/** Offset of the first occurrence of ASCII `pattern` at or after `from`, or -1; reads with indexOf only. */
export async function findInFile(file: string, pattern: string, from = 0): Promise<number> {
  const needle = Buffer.from(pattern, 'latin1');
  let base = from;
  let carry = Buffer.alloc(0);
  for await (const chunk of fileChunks(file, READ_SIZE, from)) {
    const buf = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const at = buf.indexOf(needle);
    if (at >= 0) return base - carry.length + at;
    base += chunk.length;
    carry = Buffer.from(buf.subarray(Math.max(0, buf.length - needle.length + 1)));
  }
  return -1;
}
