/** A set of heap object ids for "new since the first rung" tests: a bitmap when ids are dense, else sorted. */
export class IdSet {
  private bits?: Uint8Array;
  private sorted?: Uint32Array;

  constructor(ids: Uint32Array) {
    let max = 0;
    for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
    if (max / 8 <= ids.length * 4 + 1024) {
      const bits = new Uint8Array((max >>> 3) + 1);
      for (let i = 0; i < ids.length; i++) bits[ids[i] >>> 3] |= 1 << (ids[i] & 7);
      this.bits = bits;
    } else {
      this.sorted = ids.slice().sort();
    }
  }

  has(id: number): boolean {
    if (this.bits) {
      const b = id >>> 3;
      return b < this.bits.length && (this.bits[b] & (1 << (id & 7))) !== 0;
    }
    const s = this.sorted as Uint32Array;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] === id) return true;
      if (s[mid] < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }
}
