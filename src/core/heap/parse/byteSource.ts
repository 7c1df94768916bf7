import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/** Input of the snapshot reader: raw bytes or CDP `addHeapSnapshotChunk` strings, in order. */
export type SnapshotChunks = AsyncIterable<Uint8Array | string>;

const READ_SIZE = 1024 * 1024;

/**
 * Streams a file as byte chunks; the next read is issued before the caller parses the current
 * one. Two buffers take turns, so a chunk is only valid until the caller asks for the next one:
 * fresh memory is expensive to fault in (on some VMs more than the read itself), and a new
 * buffer per chunk would touch as many new pages as the file has bytes.
 */
export async function* fileChunks(file: string, chunkSize = READ_SIZE, start = 0): AsyncGenerator<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    // Double buffering: while the caller scans one buffer the kernel fills the other.
    const buffers = [Buffer.allocUnsafeSlow(chunkSize), Buffer.allocUnsafeSlow(chunkSize)];
    let turn = 0;
    let position = start;
    let pending = handle.read(buffers[turn], 0, chunkSize, position);
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (bytesRead === 0) return;
      position += bytesRead;
      turn ^= 1;
      pending = handle.read(buffers[turn], 0, chunkSize, position);
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

/**
 * Offset of the first occurrence of ASCII `pattern` at or after `from`, or -1. Synchronous
 * positional reads into one buffer (consecutive reads overlap by the pattern's length), so a
 * worker thread finds a section key ~100 MB into a file without copying or awaiting each chunk.
 */
export function findInFileSync(file: string, pattern: string, from = 0): number {
  const needle = Buffer.from(pattern, 'latin1');
  findBuffer ??= Buffer.allocUnsafeSlow(FIND_SIZE);
  const buf = findBuffer;
  const fd = fs.openSync(file, 'r');
  try {
    let position = from;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, FIND_SIZE, position);
      if (n < needle.length) return -1;
      const at = buf.subarray(0, n).indexOf(needle);
      if (at >= 0) return position + at;
      position += n - needle.length + 1;
    }
  } finally {
    fs.closeSync(fd);
  }
}

const FIND_SIZE = 1024 * 1024;
/** Kept for the thread's next search (see fileChunks on the cost of fresh memory). */
let findBuffer: Buffer | undefined;
