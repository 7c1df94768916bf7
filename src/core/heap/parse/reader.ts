import { LeakHunterError } from '../../common/errors';

const EMPTY = new Uint8Array(0);

/** A pull cursor over a stream of byte chunks, tracking the absolute byte offset. */
export class ByteReader {
  buf: Uint8Array = EMPTY;
  pos = 0;
  /** Absolute offset of buf[0]. */
  base = 0;
  section = 'header';

  constructor(private readonly it: AsyncIterator<Uint8Array>, private readonly onChunk?: (offset: number) => void) {}

  get offset(): number {
    return this.base + this.pos;
  }

  /** Moves to the next chunk (the current one must be consumed). False at end of input. */
  async more(): Promise<boolean> {
    this.base += this.buf.length;
    this.pos = 0;
    this.buf = EMPTY;
    let r: IteratorResult<Uint8Array>;
    try {
      r = await this.it.next();
    } catch (e) {
      if (e instanceof LeakHunterError) throw e;
      throw new LeakHunterError('io', `Could not read the heap snapshot at byte ${this.base}: ${(e as Error)?.message ?? String(e)}`, {
        offset: this.base,
      });
    }
    if (r.done) return false;
    this.buf = r.value;
    this.onChunk?.(this.base);
    return true;
  }

  /** The next non-whitespace byte without consuming it, or -1 at end of input. */
  async peek(): Promise<number> {
    for (;;) {
      const { buf } = this;
      let p = this.pos;
      while (p < buf.length) {
        const c = buf[p];
        if (c === 32 || c === 10 || c === 13 || c === 9) p++;
        else {
          this.pos = p;
          return c;
        }
      }
      this.pos = p;
      if (!(await this.more())) return -1;
    }
  }

  /** Consumes the next non-whitespace byte, which must be `c`. */
  async expect(c: number, what: string): Promise<void> {
    const got = await this.peek();
    if (got !== c) throw this.fail(what, got);
    this.pos++;
  }

  /** A LeakHunterError naming the byte offset, the section and what was expected. */
  fail(expected: string, got?: number, offset = this.offset): LeakHunterError {
    const found = got === undefined ? '' : got < 0 ? ', found the end of the file' : `, found ${describe(got)}`;
    const where = this.section === 'header' ? '' : `, in section "${this.section}"`;
    return new LeakHunterError('bad-snapshot', `Not a valid heap snapshot: at byte ${offset}${where}, expected ${expected}${found}`, {
      offset,
      section: this.section,
      expected,
    });
  }
}

function describe(c: number): string {
  if (c >= 33 && c < 127) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}
