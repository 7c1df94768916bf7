/**
 * A set of heap object ids for "new since the first rung" tests. V8's ids are dense (about two
 * per object) except for a few very large ones (native and synthetic objects), so ids below a
 * cutoff go into a bitmap and the rest into a short sorted array.
 */
export class IdSet {
  private readonly bits: Uint8Array;
  private readonly cutoff: number;
  private readonly sorted: Uint32Array;

  constructor(ids: Uint32Array) {
    // The bitmap costs at most 4 bytes per id, as the sorted array would.
    this.cutoff = Math.min(2 ** 32, (ids.length * 4 + 1024) * 8);
    let max = 0;
    let above = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id >= this.cutoff) above++;
      else if (id > max) max = id;
    }
    const bits = new Uint8Array((max >>> 3) + 1);
    const sorted = new Uint32Array(above);
    let k = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id >= this.cutoff) sorted[k++] = id;
      else bits[id >>> 3] |= 1 << (id & 7);
    }
    this.bits = bits;
    this.sorted = sorted.sort();
  }

  has(id: number): boolean {
    if (id < this.cutoff) {
      const b = id >>> 3;
      return b < this.bits.length && (this.bits[b] & (1 << (id & 7))) !== 0;
    }
    const s = this.sorted;
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
