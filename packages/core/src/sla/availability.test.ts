import { describe, expect, it } from 'vitest'
import { fromDecimal } from '../rational'
import { allowedDowntime, availabilityReport, type Incident } from './availability'
import { parseTimestamp } from './calendar'
import { parseSla } from './validate'

const base = {
  version: 1,
  consortium: { name: '試験組合' },
  serviceHours: {
    weekly: {
      mon: ['08:30-17:15'],
      tue: ['08:30-17:15'],
      wed: ['08:30-17:15'],
      thu: ['08:30-17:15'],
      fri: ['08:30-17:15'],
    },
    closed: { holidays: true, dates: ['12-29', '12-30', '12-31', '01-02', '01-03'] },
    batchWindow: '20:00-06:00',
  },
  grades: { availability: '99.5%', mttrHours: 3 },
  credits: [
    { below: '99.5%', rate: '10%' },
    { below: '99%', rate: '25%' },
  ],
}

function sla(extra: Record<string, unknown> = {}) {
  const parsed = parseSla({
    ...base,
    services: [
      { id: 'kikan', name: '基幹系', monthlyFee: 5_000_000, costId: 'kikan' },
      { id: 'portal', name: '住民ポータル', audience: 'residents', monthlyFee: 800_000 },
    ],
    ...extra,
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.value
}

let line = 1
function incident(start: string, end: string, service = 'kikan', more: Partial<Incident> = {}) {
  line++
  return {
    line,
    start: parseTimestamp(start)!,
    end: parseTimestamp(end)!,
    service,
    cause: 'hardware',
    excluded: false,
    reason: '',
    ...more,
  } satisfies Incident
}

describe('allowed downtime at the target (exact minutes)', () => {
  it.each([
    ['0.99', 30, 432],
    ['0.99', 31, 446.4],
    ['0.995', 30, 216],
    ['0.995', 31, 223.2],
    ['0.9995', 30, 21.6],
    ['0.9995', 31, 22.32],
    ['0.9999', 30, 4.32],
    ['0.9999', 31, 4.464],
  ])('%s over %i days = %f min', (target, days, minutes) => {
    expect(allowedDowntime(fromDecimal(target), days)).toBe(minutes)
  })
})

describe('service hours and counting', () => {
  it('August 2026: 21 weekdays less 山の日 (8/11) = 20 days × 525 min', () => {
    const [kikan, portal] = availabilityReport(sla(), [], '2026-08')
    expect(kikan!.serviceMinutes).toBe(20 * 525)
    expect(portal!.serviceMinutes).toBe(31 * 1440) // residents: 24 h every day
    expect(kikan!.availability).toBe(1)
  })

  it('an outage on 山の日 is outside the service hours; a Saturday one too', () => {
    const r = availabilityReport(
      sla(),
      [
        incident('2026-08-11 10:00', '2026-08-11 12:00'),
        incident('2026-08-08 09:00', '2026-08-08 11:00'),
      ],
      '2026-08',
    )[0]!
    expect(r.downtimeMinutes).toBe(0)
    expect(r.incidents.map((i) => i.status)).toEqual(['outsideHours', 'outsideHours'])
  })

  it('an outage spanning the month end counts in each month (24 h basis)', () => {
    const s = sla({ counting: { basis: '24h' } })
    const list = [incident('2026-08-31 23:00', '2026-09-01 01:30')]
    expect(availabilityReport(s, list, '2026-08')[0]!.downtimeMinutes).toBe(60)
    expect(availabilityReport(s, list, '2026-09')[0]!.downtimeMinutes).toBe(90)
  })

  it('a 4-minute outage under a 5-minute minimum is not counted; granularity floors', () => {
    const s = sla({ counting: { basis: '24h', minimumMinutes: 5, granularityMinutes: 5 } })
    const r = availabilityReport(
      s,
      [
        incident('2026-09-02 10:00', '2026-09-02 10:04'),
        incident('2026-09-03 10:00', '2026-09-03 10:13'),
      ],
      '2026-09',
    )[0]!
    expect(r.incidents.map((i) => [i.status, i.countedMinutes])).toEqual([
      ['belowMinimum', 0],
      ['counted', 10],
    ])
    expect(r.downtimeMinutes).toBe(10)
  })

  it('excluded maintenance (flag or excluded cause) is listed, not counted', () => {
    const s = sla({ counting: { basis: '24h', excludedCauses: ['maintenance'] } })
    const r = availabilityReport(
      s,
      [
        incident('2026-09-02 01:00', '2026-09-02 03:00', 'kikan', {
          excluded: true,
          reason: '計画保守',
        }),
        incident('2026-09-09 01:00', '2026-09-09 02:00', 'kikan', { cause: 'maintenance' }),
        incident('2026-09-10 01:00', '2026-09-10 01:30'),
      ],
      '2026-09',
    )[0]!
    expect(r.incidents.map((i) => i.status)).toEqual(['excluded', 'excluded', 'counted'])
    expect(r.incidents[0]!.note).toContain('計画保守')
    expect(r.downtimeMinutes).toBe(30)
  })

  it('overlapping incidents of one service are merged, and said so', () => {
    const s = sla({ counting: { basis: '24h' } })
    const r = availabilityReport(
      s,
      [
        incident('2026-09-02 10:00', '2026-09-02 11:00'),
        incident('2026-09-02 10:30', '2026-09-02 11:30'),
      ],
      '2026-09',
    )[0]!
    expect(r.downtimeMinutes).toBe(90)
    expect(r.incidents).toHaveLength(1)
    expect(r.notices[0]).toContain('重なって')
  })
})

describe('met or missed, and the credit tier boundary', () => {
  // September 2026, 24 h basis: 30 × 1440 = 43,200 minutes; 99.5 % allows exactly 216 minutes.
  const s = sla({ counting: { basis: '24h' } })
  it('exactly at the target: met, no credit', () => {
    const r = availabilityReport(
      s,
      [incident('2026-09-05 00:00', '2026-09-05 03:36')],
      '2026-09',
    )[0]!
    expect(r.downtimeMinutes).toBe(216)
    expect(r.availabilityExact).toBe('199/200')
    expect(r.met).toBe(true)
    expect(r.credit).toBeUndefined()
  })
  it('one minute more: missed, 10 % of ¥5,000,000 = ¥500,000', () => {
    const r = availabilityReport(
      s,
      [incident('2026-09-05 00:00', '2026-09-05 03:37')],
      '2026-09',
    )[0]!
    expect(r.met).toBe(false)
    expect(r.credit).toMatchObject({ rate: 0.1, fee: 5_000_000, amount: 500_000 })
  })
  it('below 99 % (433 min): the higher tier, 25 %', () => {
    const r = availabilityReport(
      s,
      [incident('2026-09-05 00:00', '2026-09-05 07:13')],
      '2026-09',
    )[0]!
    expect(r.credit).toMatchObject({ rate: 0.25, amount: 1_250_000 })
  })
  it('MTTR is the mean recovery time of counted incidents', () => {
    const r = availabilityReport(
      s,
      [
        incident('2026-09-05 00:00', '2026-09-05 01:00'),
        incident('2026-09-06 00:00', '2026-09-06 05:00'),
      ],
      '2026-09',
    )[0]!
    expect(r.mttrMinutes).toBe(180)
    expect(r.mttrMet).toBe(true)
  })
})

describe('timestamps', () => {
  it('reads ISO with offset and local JST, refuses impossible dates', () => {
    expect(parseTimestamp('2026-08-03T09:15:00+09:00')).toBe(parseTimestamp('2026-08-03 09:15'))
    expect(parseTimestamp('2026-08-03T00:15:00Z')).toBe(parseTimestamp('2026/8/3 9:15'))
    expect(parseTimestamp('2026-02-30 10:00')).toBeUndefined()
    expect(parseTimestamp('2026-13-01 10:00')).toBeUndefined()
  })
})
