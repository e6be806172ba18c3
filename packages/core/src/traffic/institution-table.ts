/**
 * Interning institution ids (照会元・提供先のコード) as small integers, looked up from their raw bytes so the hot
 * loop makes no string per row: an open-addressing hash table over the bytes, each id decoded once.
 */

/** FNV-1a over bytes: the hash {@link InstitutionTable.findHashed} expects (start from FNV_OFFSET). */
export const FNV_OFFSET = 0x811c9dc5 | 0 // as an int32, like Math.imul results (an empty key keeps it)
export const FNV_PRIME = 0x01000193

/** Turns bytes into text (throws on bytes that are invalid in the log's encoding). */
export type BytesDecoder = (bytes: Uint8Array) => string

export class InstitutionTable {
  /** id → text */
  readonly names: string[] = []
  private readonly byName = new Map<string, number>()
  // bytes → id: slots hold entry + 1 (0 = empty); entry e's bytes are pool[offsets[e], offsets[e] + lengths[e])
  // and its id ids[e] (two spellings may decode to one text, e.g. CP932's duplicate characters)
  private slots = new Int32Array(1024)
  private ids: Int32Array = new Int32Array(256)
  private hashes: Int32Array = new Int32Array(256)
  private offsets: Int32Array = new Int32Array(256)
  private lengths: Int32Array = new Int32Array(256)
  private pool = new Uint8Array(4096)
  private poolUsed = 0
  private byteKeys = 0

  get size(): number {
    return this.names.length
  }

  /** The id of a text (added when new). */
  internString(name: string): number {
    let id = this.byName.get(name)
    if (id === undefined) {
      id = this.names.length
      this.names.push(name)
      this.byName.set(name, id)
    }
    return id
  }

  /** The id of the text whose bytes are `buf[start, end)`; `decode` runs only the first time. */
  internBytes(buf: Uint8Array, start: number, end: number, decode: BytesDecoder): number {
    let h = FNV_OFFSET
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, FNV_PRIME)
    const found = this.findHashed(h, buf, start, end)
    if (found >= 0) return found
    const id = this.internString(decode(buf.subarray(start, end)))
    this.addBytes(id, h, buf, start, end)
    return id
  }

  /** The id of the bytes `buf[start, end)` whose FNV-1a hash is `h`; −1 when they are not known yet. */
  findHashed(h: number, buf: Uint8Array, start: number, end: number): number {
    const slots = this.slots
    const mask = slots.length - 1
    const len = end - start
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[s]!
      if (v === 0) break
      const e = v - 1
      if (this.hashes[e] !== h || this.lengths[e] !== len) continue
      const off = this.offsets[e]!
      let same = true
      for (let k = 0; k < len; k++)
        if (this.pool[off + k] !== buf[start + k]) {
          same = false
          break
        }
      if (same) return this.ids[e]!
    }
    return -1
  }

  private addBytes(id: number, h: number, buf: Uint8Array, start: number, end: number): void {
    const len = end - start
    const e = this.byteKeys++
    if (e >= this.hashes.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2)
        b.set(a)
        return b
      }
      this.ids = grow(this.ids)
      this.hashes = grow(this.hashes)
      this.offsets = grow(this.offsets)
      this.lengths = grow(this.lengths)
    }
    if (this.poolUsed + len > this.pool.length) {
      const p = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len))
      p.set(this.pool.subarray(0, this.poolUsed))
      this.pool = p
    }
    this.pool.set(buf.subarray(start, end), this.poolUsed)
    this.ids[e] = id
    this.hashes[e] = h
    this.offsets[e] = this.poolUsed
    this.lengths[e] = len
    this.poolUsed += len
    if (this.byteKeys * 2 > this.slots.length) this.rehash()
    const mask = this.slots.length - 1
    let s = h & mask
    while (this.slots[s] !== 0) s = (s + 1) & mask
    this.slots[s] = e + 1
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (const v of this.slots) {
      if (v === 0) continue
      let s = this.hashes[v - 1]! & mask
      while (slots[s] !== 0) s = (s + 1) & mask
      slots[s] = v
    }
    this.slots = slots
  }
}
