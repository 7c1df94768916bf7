/**
 * The snapshot's `strings` section kept as raw JSON bytes plus per-string offsets, decoded
 * on demand: most strings (source text, names of unused objects) are never looked at, so
 * decoding them all up front would waste time and memory.
 */
const BLOCK = 8 * 1024 * 1024;
/** Offsets and decoded strings are kept in pages, so growing never copies (fresh memory is costly). */
const PAGE_BITS = 16;
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

export class StringTable {
  private blocks: Uint8Array[] = [];
  private used = 0;
  /** Absolute byte offset (within the section store) where each string's body starts / ends, by page. */
  private starts: Float64Array[] = [];
  private ends: Float64Array[] = [];
  /** Decoded strings by page; a page is created when one of its strings is first read. */
  private decoded: (string | undefined)[][] = [];
  count = 0;

  /** Appends raw section bytes; returns the store offset of the first appended byte. */
  appendBytes(src: Uint8Array, from: number, to: number): number {
    const at = this.storeSize();
    let i = from;
    while (i < to) {
      let block = this.blocks[this.blocks.length - 1];
      if (!block || this.used === block.length) {
        block = new Uint8Array(BLOCK);
        this.blocks.push(block);
        this.used = 0;
      }
      const n = Math.min(to - i, block.length - this.used);
      block.set(src.subarray(i, i + n), this.used);
      this.used += n;
      i += n;
    }
    return at;
  }

  storeSize(): number {
    return this.blocks.length === 0 ? 0 : (this.blocks.length - 1) * BLOCK + this.used;
  }

  /** Records one string whose JSON body occupies [start, end) of the store. */
  addString(start: number, end: number): void {
    const i = this.count;
    const p = i >>> PAGE_BITS;
    if (p === this.starts.length) {
      this.starts.push(new Float64Array(PAGE));
      this.ends.push(new Float64Array(PAGE));
    }
    this.starts[p][i & MASK] = start;
    this.ends[p][i & MASK] = end;
    this.count = i + 1;
  }

  /** Ends the section: the last block's unused tail is cut off (a view: copying would touch new memory). */
  seal(): void {
    const last = this.blocks.length - 1;
    if (last >= 0) this.blocks[last] = this.blocks[last].subarray(0, this.used);
  }

  private start(index: number): number {
    return this.starts[index >>> PAGE_BITS][index & MASK];
  }

  private end(index: number): number {
    return this.ends[index >>> PAGE_BITS][index & MASK];
  }

  /** The decoded string at `index`; throws RangeError when out of range. */
  get(index: number): string {
    const page = this.decoded[index >>> PAGE_BITS];
    const cached = page === undefined ? undefined : page[index & MASK];
    if (cached !== undefined) return cached;
    if (!(index >= 0 && index < this.count)) throw new RangeError(`string index ${index} out of range`);
    const raw = this.rawBytes(index);
    let s: string;
    if (raw.indexOf(92) === -1) {
      s = Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8');
    } else {
      s = JSON.parse('"' + Buffer.from(raw.buffer, raw.byteOffset, raw.length).toString('utf8') + '"') as string;
    }
    (this.decoded[index >>> PAGE_BITS] ??= new Array<string | undefined>(PAGE))[index & MASK] = s;
    return s;
  }

  /** Number(get(index)), read straight from the bytes when the string is 1–15 ASCII digits (no decoding). */
  numberAt(index: number): number {
    const start = this.start(index);
    const len = this.end(index) - start;
    if (len > 0 && len <= 15) {
      const b = Math.floor(start / BLOCK);
      const block = this.blocks[b];
      const off = start - b * BLOCK;
      if (off + len <= block.length) {
        let v = 0;
        let k = 0;
        for (; k < len; k++) {
          const c = block[off + k];
          if (c < 48 || c > 57) break;
          v = v * 10 + (c - 48);
        }
        if (k === len) return v;
      }
    }
    return Number(this.get(index));
  }

  /** Byte length of a string's JSON body (cheap; no decoding). */
  rawLength(index: number): number {
    return this.end(index) - this.start(index);
  }

  /** First raw byte of string `index` (its JSON body), or -1 when empty. */
  firstByte(index: number): number {
    const start = this.start(index);
    if (this.end(index) === start) return -1;
    const b = Math.floor(start / BLOCK);
    return this.blocks[b][start - b * BLOCK];
  }

  /** True when the raw bytes of string `index` start with the ASCII `prefix` (no decoding). */
  rawStartsWith(index: number, prefix: Uint8Array): boolean {
    const start = this.start(index);
    if (this.end(index) - start < prefix.length) return false;
    let b = Math.floor(start / BLOCK);
    let off = start - b * BLOCK;
    for (let k = 0; k < prefix.length; k++) {
      if (off === this.blocks[b].length) {
        b++;
        off = 0;
      }
      if (this.blocks[b][off++] !== prefix[k]) return false;
    }
    return true;
  }

  private rawBytes(index: number): Uint8Array {
    const start = this.start(index);
    const end = this.end(index);
    const b = Math.floor(start / BLOCK);
    const off = start - b * BLOCK;
    const len = end - start;
    if (off + len <= this.blocks[b].length) return this.blocks[b].subarray(off, off + len);
    const out = new Uint8Array(len);
    let written = 0;
    let bi = b;
    let o = off;
    while (written < len) {
      const n = Math.min(len - written, this.blocks[bi].length - o);
      out.set(this.blocks[bi].subarray(o, o + n), written);
      written += n;
      bi++;
      o = 0;
    }
    return out;
  }

  /** Memory held, for diagnostics. */
  byteSize(): number {
    return this.storeSize() + this.count * 16;
  }
}
