import { describe, expect, it } from 'vitest'
import { batchCollisions, windowMasks, windowsOverlap, type BatchDefinition } from './batch'
import type { BatchWindow, Service } from './schema'

const svc = (id: string, index: number) => ({ id, index }) as unknown as Service
const w = (start: number, duration: number, months: number[]): BatchWindow => ({
  start,
  duration,
  months,
})

describe('batch windows', () => {
  it('wrap past midnight within the same month', () => {
    // 22時 + 4 h → 22, 23, 0, 1
    expect(windowMasks(w(22, 4, [3])).hours).toBe((1 << 22) | (1 << 23) | 1 | 2)
    expect(windowMasks(w(22, 4, [3])).months).toBe(1 << 2)
    expect(windowMasks(w(0, 24, [1])).hours).toBe(0xffffff)
  })

  it('overlap needs a common month and a common hour', () => {
    expect(windowsOverlap(w(22, 4, [3]), w(1, 1, [3]))).toBe(true)
    expect(windowsOverlap(w(22, 4, [3]), w(1, 1, [4]))).toBe(false)
    expect(windowsOverlap(w(22, 2, [3]), w(0, 2, [3]))).toBe(false) // 22–23 vs 0–1: adjacent
  })

  it('counts each pair of windows of different units once', () => {
    const a = svc('a', 0)
    const b = svc('b', 1)
    const defs: BatchDefinition[] = [
      { service: a, batchIndex: 0, window: w(0, 3, [6]), members: [0, 1, 2] },
      // same 業務, other window, overlapping: 3 × 2 − 2 common members (same unit) = 4
      { service: a, batchIndex: 1, window: w(2, 1, [6, 7]), members: [0, 1] },
      // other 業務 overlapping only the first: 3 × 1 = 3 (one pair even if both windows share 3 hours)
      { service: b, batchIndex: 0, window: w(0, 24, [6]), members: [5] },
    ]
    // self pairs: C(3,2) = 3, C(2,2) = 1, C(1,2) = 0; cross: a0×a1 4, a0×b0 3, a1×b0 (2 h in 6月) 2
    const r = batchCollisions(defs)
    expect(r.total).toBe(3 + 1 + 4 + 3 + 2)
    expect(r.collisions.map((c) => c.pairs)).toEqual([3, 4, 3, 1, 2])
  })

  it('a single member has no collision with itself', () => {
    const r = batchCollisions([
      { service: svc('a', 0), batchIndex: 0, window: w(0, 3, [6]), members: [4] },
      { service: svc('a', 0), batchIndex: 1, window: w(1, 3, [6]), members: [4] },
    ])
    expect(r.total).toBe(0)
  })
})
