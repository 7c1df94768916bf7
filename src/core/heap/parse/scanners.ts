import type { ByteReader } from './reader';
import type { NumberSink } from './sinks';
import type { StringTable } from './stringTable';

const STAGE = 1 << 16;
const MAX_SAFE = 2 ** 53;

/** Synchronous number-array state machine; kept out of async code so V8 optimises the loop. */
class NumberScanner {
  readonly stage = new Float64Array(STAGE);
  n = 0;
  v = 0;
  // 3: just after '[', 0: after ',', 1: inside a number, 2: after a number and whitespace.
  st = 3;
  errAt = -1;
  errExpected = '';

  /** Scans buf[from..]; returns the index after ']' or -1 when the chunk ended (or -2 on error). */
  scan(buf: Uint8Array, from: number, sink: NumberSink): number {
    const stage = this.stage;
    const len = buf.length;
    let n = this.n;
    let v = this.v;
    let st = this.st;
    let i = from;
    let c = 0;
    let done = -1;
    while (i < len) {
      c = buf[i];
      if (st === 1) {
        // Digits in a tight loop: most bytes of a snapshot are digits.
        while (c <= 57 && c >= 48) {
          v = v * 10 + (c - 48);
          if (++i === len) break;
          c = buf[i];
        }
        if (i === len) break;
        if (c !== 44 && c !== 93 && c !== 10 && c !== 32 && c !== 13 && c !== 9) return this.error(i, "a digit, ',' or ']'");
        if (v > MAX_SAFE) return this.error(i, 'a number below 2^53');
        stage[n++] = v;
        if (n === STAGE) {
          const err = sink.take(stage, n);
          n = 0;
          if (err) return this.error(i, err);
        }
        st = 2;
      }
      if (st === 2) {
        if (c === 44) st = 0;
        else if (c === 93) {
          done = i + 1;
          break;
        } else if (c !== 10 && c !== 32 && c !== 13 && c !== 9) return this.error(i, "',' or ']'");
        i++;
        continue;
      }
      if (c <= 57 && c >= 48) {
        v = c - 48;
        st = 1;
      } else if (c === 93 && st === 3) {
        done = i + 1;
        break;
      } else if (c !== 10 && c !== 32 && c !== 13 && c !== 9) {
        return this.error(i, 'a number');
      }
      i++;
    }
    if (n > 0) {
      const err = sink.take(stage, n);
      n = 0;
      if (err) return this.error(i, err);
    }
    this.n = n;
    this.v = v;
    this.st = st;
    return done;
  }

  private error(at: number, expected: string): number {
    this.errAt = at;
    this.errExpected = expected;
    return -2;
  }
}

/**
 * Scans a JSON array of non-negative integers into `sink`. The byte loop is the hot path of the
 * whole reader: one branch per byte, numbers staged in a Float64Array and handed over in batches.
 */
export async function scanNumberArray(r: ByteReader, sink: NumberSink): Promise<void> {
  await r.expect(91 /* [ */, "'['");
  const sc = new NumberScanner();
  for (;;) {
    const end = sc.scan(r.buf, r.pos, sink);
    if (end >= 0) {
      r.pos = end;
      return;
    }
    if (end === -2) throw r.fail(sc.errExpected, sc.errAt < r.buf.length ? r.buf[sc.errAt] : undefined, r.base + sc.errAt);
    r.pos = r.buf.length;
    if (!(await r.more())) throw r.fail(sc.st === 1 ? "a digit, ',' or ']'" : 'a number', -1);
  }
}

/**
 * Scans the `strings` array: the raw bytes are copied in bulk into `table` and each string is
 * recorded as a byte range, never decoded here. Most strings are short (about 12 bytes), so a
 * plain byte loop beats a native indexOf call per string.
 */
export async function scanStringArray(r: ByteReader, table: StringTable): Promise<void> {
  await r.expect(91 /* [ */, "'['");
  // 0: expecting a string or ']' (first), 1: expecting a string, 2: inside a string, 3: after a string
  let st = 0;
  let start = 0;
  // A backslash ended the previous chunk: the next byte is escaped.
  let escaped = false;
  for (;;) {
    const buf = r.buf;
    const len = buf.length;
    let i = r.pos;
    const storeBase = table.appendBytes(buf, i, len) - i;
    while (i < len) {
      if (st === 2) {
        if (escaped) {
          escaped = false;
          i++;
          continue;
        }
        let c = buf[i];
        while (c !== 34 && c !== 92) {
          if (++i === len) break;
          c = buf[i];
        }
        if (i === len) break;
        if (c === 92) {
          i += 2;
          if (i > len) escaped = true;
          continue;
        }
        table.addString(start, storeBase + i);
        st = 3;
        i++;
        continue;
      }
      const c = buf[i];
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
      } else if (c === 34 && st <= 1) {
        st = 2;
        start = storeBase + i + 1;
        i++;
      } else if (c === 44 && st === 3) {
        st = 1;
        i++;
      } else if (c === 93 && (st === 3 || st === 0)) {
        r.pos = i + 1;
        table.seal();
        return;
      } else {
        throw r.fail(st === 3 ? "',' or ']'" : 'a string', c, r.base + i);
      }
    }
    r.pos = len;
    if (!(await r.more())) throw r.fail(st === 2 ? "the string's closing '\"'" : st === 3 ? "',' or ']'" : 'a string', -1);
  }
}

/**
 * Walks one JSON value (object, array, string or literal), string- and escape-aware, calling
 * `keep` with each byte range when the caller wants the text. Depth is bounded by the input.
 */
export async function walkValue(r: ByteReader, keep?: (buf: Uint8Array, from: number, to: number) => void): Promise<void> {
  const first = await r.peek();
  if (first < 0) throw r.fail('a value', -1);
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  for (;;) {
    const buf = r.buf;
    const from = r.pos;
    let end = -1;
    for (let i = from; i < buf.length && end < 0; i++) {
      const c = buf[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (depth === 0) end = i + 1;
        }
        continue;
      }
      if (depth === 0 && started && (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9)) {
        end = i;
        break;
      }
      if (c === 34) inString = true;
      else if (c === 91 || c === 123) depth++;
      else if (c === 93 || c === 125) {
        depth--;
        if (depth < 0) throw r.fail('a value', c, r.base + i);
        if (depth === 0) end = i + 1;
      }
      started = true;
    }
    if (end >= 0) {
      keep?.(buf, from, end);
      r.pos = end;
      return;
    }
    keep?.(buf, from, buf.length);
    r.pos = buf.length;
    if (!(await r.more())) {
      if (depth === 0 && !inString && started) return;
      throw r.fail('the end of a JSON value', -1);
    }
  }
}
