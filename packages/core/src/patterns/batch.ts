/**
 * バッチ処理の衝突 (§2.3.2(8): "バッチ処理については、市町村間で時期が重なることがある").
 *
 * A batch window of a 業務 runs for every member using it. Inside one server group, two windows collide
 * when they run in a common month and a common hour (windows are typical-day hours, wrapping past
 * midnight into the same month). Each unordered pair of colliding windows of *different* units
 * (member × 業務) is counted once, however many hours or months they share. Windows of the same unit are
 * that 業務's own design and are not counted.
 *
 * Counting works on window definitions (業務 × batch index) with the set of members in the group, so a
 * group of 1,741 members is counted without enumerating pairs:
 *   same definition, k members            → k(k−1)/2 pairs
 *   two definitions of the same 業務      → k₁·k₂ − |common members| pairs (if they overlap)
 *   definitions of different 業務          → k₁·k₂ pairs (if they overlap)
 */
import type { BatchWindow, Service } from './schema'

export interface BatchDefinition {
  service: Service
  batchIndex: number
  window: BatchWindow
  /** member indices in the group, ascending, distinct */
  members: number[]
}

export interface BatchCollision {
  a: { service: string; batch: number }
  b: { service: string; batch: number }
  /** colliding pairs of windows of different units */
  pairs: number
}

/** 12-bit month mask and 24-bit hour mask of a window. */
export function windowMasks(w: BatchWindow): { months: number; hours: number } {
  let months = 0
  for (const m of w.months) months |= 1 << (m - 1)
  let hours = 0
  for (let i = 0; i < w.duration; i++) hours |= 1 << ((w.start + i) % 24)
  return { months, hours }
}

export const windowsOverlap = (a: BatchWindow, b: BatchWindow): boolean => {
  const x = windowMasks(a)
  const y = windowMasks(b)
  return (x.months & y.months) !== 0 && (x.hours & y.hours) !== 0
}

function commonCount(a: number[], b: number[]): number {
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++
      i++
      j++
    } else if (a[i]! < b[j]!) i++
    else j++
  }
  return n
}

/** All colliding definition pairs of one group and the total number of colliding window pairs. */
export function batchCollisions(defs: BatchDefinition[]): {
  total: number
  collisions: BatchCollision[]
} {
  const masks = defs.map((d) => windowMasks(d.window))
  const collisions: BatchCollision[] = []
  let total = 0
  const name = (d: BatchDefinition) => ({ service: d.service.id, batch: d.batchIndex })
  for (let i = 0; i < defs.length; i++) {
    const a = defs[i]!
    const k = a.members.length
    const self = (k * (k - 1)) / 2
    if (self > 0) {
      total += self
      collisions.push({ a: name(a), b: name(a), pairs: self })
    }
    for (let j = i + 1; j < defs.length; j++) {
      const b = defs[j]!
      const ma = masks[i]!
      const mb = masks[j]!
      if ((ma.months & mb.months) === 0 || (ma.hours & mb.hours) === 0) continue
      const pairs =
        a.members.length * b.members.length -
        (a.service.index === b.service.index ? commonCount(a.members, b.members) : 0)
      if (pairs > 0) {
        total += pairs
        collisions.push({ a: name(a), b: name(b), pairs })
      }
    }
  }
  return { total, collisions }
}
