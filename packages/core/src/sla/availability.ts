/**
 * 稼働率 and 減額: per month and service, the counted downtime (each incident clipped to the month and to
 * the service hours, floored to the granularity, dropped under the minimum, exclusions listed), the
 * availability exact to the minute, the allowed downtime at the target, MTTR, met or missed, the credit.
 */
import { cmp, floorDiv, rat, sub, toNumber, type Rational, ONE } from '../rational'
import {
  clipAll,
  formatJst,
  monthInterval,
  overlapMinutes,
  serviceWindows,
  totalMinutes,
  type Interval,
} from './calendar'
import { rateValue, type SlaFile, type SlaService } from './schema'

export interface Incident {
  /** line of the incidents file (1-based, the header is line 1) */
  line: number
  start: number
  end: number
  service: string
  cause: string
  excluded: boolean
  reason: string
}

export type IncidentStatus = 'counted' | 'excluded' | 'belowMinimum' | 'outsideHours'

export interface IncidentOutcome {
  lines: number[]
  start: string
  end: string
  cause: string
  status: IncidentStatus
  /** minutes inside the month and the service hours, before flooring */
  inServiceMinutes: number
  /** minutes counted as downtime (floored to the granularity) */
  countedMinutes: number
  note: string
}

export interface ServiceMonthReport {
  month: string
  service: string
  serviceName: string
  basis: 'serviceHours' | '24h'
  serviceMinutes: number
  downtimeMinutes: number
  /** (serviceMinutes − downtime) / serviceMinutes, as a fraction "a/b" and as a number */
  availability: number
  availabilityExact: string
  target?: number
  allowedDowntimeMinutes?: number
  met?: boolean
  mttrMinutes?: number
  mttrTargetMinutes?: number
  mttrMet?: boolean
  incidents: IncidentOutcome[]
  notices: string[]
  credit?: { rate: number; fee: number; amount: number; tier: string }
}

const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`

/** Every month an incident touches (JST), in order. */
export function monthsTouched(incidents: Incident[]): string[] {
  const set = new Set<string>()
  for (const i of incidents) {
    const s = new Date((i.start + 540) * 60000)
    const e = new Date((Math.max(i.start, i.end - 1) + 540) * 60000)
    let y = s.getUTCFullYear()
    let m = s.getUTCMonth() + 1
    const ey = e.getUTCFullYear()
    const em = e.getUTCMonth() + 1
    while (y < ey || (y === ey && m <= em)) {
      set.add(monthKey(y, m))
      m++
      if (m > 12) {
        m = 1
        y++
      }
    }
  }
  return [...set].sort()
}

function serviceTime(sla: SlaFile, service: SlaService, year: number, month: number): Interval[] {
  const month24 = [monthInterval(year, month)]
  if (sla.counting.basis === '24h') return month24
  const hours = service.hours ?? (service.audience === 'residents' ? '24x365' : 'schedule')
  if (hours === '24x365' || !sla.serviceHours) return month24
  return serviceWindows(sla.serviceHours, year, month)
}

const targetOf = (sla: SlaFile, service: SlaService): Rational | undefined => {
  const t = service.availability ?? sla.grades.availability
  return t === undefined ? undefined : rateValue(t)
}

/** The credit tier that applies: the highest rate among the tiers whose threshold the availability is below. */
function creditFor(
  sla: SlaFile,
  service: SlaService,
  availability: Rational,
): ServiceMonthReport['credit'] {
  let best: { rate: Rational; below: Rational } | undefined
  for (const tier of sla.credits) {
    const below = rateValue(tier.below)
    const rate = rateValue(tier.rate)
    if (cmp(availability, below) < 0 && (!best || cmp(rate, best.rate) > 0)) best = { rate, below }
  }
  if (!best) return undefined
  const fee = service.monthlyFee ?? 0
  // 減額 in whole yen, 円未満切捨て
  const amount = Number(floorDiv(BigInt(fee) * best.rate.n, best.rate.d))
  return {
    rate: toNumber(best.rate),
    fee,
    amount,
    tier: `稼働率 ${percentText(best.below)} 未満 → ${percentText(best.rate)}`,
  }
}

/** An exact rate as a percent text with up to 3 decimals: 199/200 → "99.5%". */
export function percentText(r: Rational): string {
  const scaled = floorDiv(r.n * 100000n, r.d) // percent × 1000
  const whole = scaled / 1000n
  const frac = (scaled % 1000n).toString().padStart(3, '0').replace(/0+$/, '')
  return `${whole}${frac ? '.' + frac : ''}%`
}

/** The report of one month ("2026-08") for every service of the SLA file. */
export function availabilityReport(
  sla: SlaFile,
  incidents: Incident[],
  month: string,
): ServiceMonthReport[] {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  const range = monthInterval(year, mon)
  const excludedCauses = new Set(sla.counting.excludedCauses)
  const g = sla.counting.granularityMinutes
  const minimum = sla.counting.minimumMinutes
  return sla.services.map((service) => {
    const windows = serviceTime(sla, service, year, mon)
    const serviceMinutes = totalMinutes(windows)
    const outcomes: IncidentOutcome[] = []
    const notices: string[] = []
    const mine = incidents
      .filter((i) => i.service === service.id && i.end > range.start && i.start < range.end)
      .sort((a, b) => a.start - b.start || a.line - b.line)
    const counting: Array<Incident & { lines: number[] }> = []
    for (const i of mine) {
      const isExcluded = i.excluded || excludedCauses.has(i.cause)
      if (isExcluded) {
        outcomes.push({
          lines: [i.line],
          start: formatJst(i.start),
          end: formatJst(i.end),
          cause: i.cause,
          status: 'excluded',
          inServiceMinutes: overlapMinutes(i, windows),
          countedMinutes: 0,
          note: `除外: ${i.reason || (excludedCauses.has(i.cause) ? `原因区分 ${i.cause} は適用除外` : '適用除外')}`,
        })
        continue
      }
      const last = counting[counting.length - 1]
      if (last && i.start < last.end) {
        notices.push(
          `${last.lines.map((l) => `${l}行目`).join('・')}と${i.line}行目の障害が重なっているため、一つの障害として数えました (overlapping incidents merged)`,
        )
        last.end = Math.max(last.end, i.end)
        last.lines.push(i.line)
        continue
      }
      counting.push({ ...i, lines: [i.line] })
    }
    let downtime = 0
    let recoverySum = 0
    let recoveries = 0
    for (const o of counting) {
      const clipped = clipAll([o], range)[0]!
      const inService = overlapMinutes(clipped, windows)
      const floored = Math.floor(inService / g) * g
      let status: IncidentStatus = 'counted'
      let note = ''
      if (inService === 0) {
        status = 'outsideHours'
        note = 'サービス時間外のため数えません (outside service hours)'
      } else if (floored < minimum || floored === 0) {
        status = 'belowMinimum'
        note = `${minimum}分未満のため数えません (under the ${minimum}-minute minimum)`
      }
      const counted = status === 'counted' ? floored : 0
      if (status === 'counted') {
        downtime += counted
        recoverySum += clipped.end - clipped.start
        recoveries++
        if (floored !== inService) note = `${inService}分を${g}分単位に切捨て (floored to ${g} min)`
      }
      outcomes.push({
        lines: o.lines,
        start: formatJst(o.start),
        end: formatJst(o.end),
        cause: o.cause,
        status,
        inServiceMinutes: inService,
        countedMinutes: counted,
        note,
      })
    }
    outcomes.sort((a, b) => a.lines[0]! - b.lines[0]!)
    const availability: Rational =
      serviceMinutes === 0 ? ONE : rat(serviceMinutes - downtime, serviceMinutes)
    const target = targetOf(sla, service)
    const allowed = target ? toNumber(mulInt(sub(ONE, target), serviceMinutes)) : undefined
    const mttrTarget = sla.grades.mttrHours === undefined ? undefined : sla.grades.mttrHours * 60
    const mttr = recoveries ? recoverySum / recoveries : undefined
    return {
      month,
      service: service.id,
      serviceName: service.name,
      basis: sla.counting.basis,
      serviceMinutes,
      downtimeMinutes: downtime,
      availability: toNumber(availability),
      availabilityExact: `${availability.n}/${availability.d}`,
      target: target ? toNumber(target) : undefined,
      allowedDowntimeMinutes: allowed,
      met: target ? cmp(availability, target) >= 0 : undefined,
      mttrMinutes: mttr,
      mttrTargetMinutes: mttrTarget,
      mttrMet: mttr === undefined || mttrTarget === undefined ? undefined : mttr <= mttrTarget,
      incidents: outcomes,
      notices,
      credit: creditFor(sla, service, availability),
    }
  })
}

const mulInt = (r: Rational, k: number): Rational => rat(r.n * BigInt(k), r.d)

/** Allowed downtime in minutes at a target availability over a month of `days` days, 24 h a day. */
export const allowedDowntime = (target: Rational, days: number): number =>
  toNumber(mulInt(sub(ONE, target), days * 1440))
