import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { summarizeTrafficFiles } from '../../packages/api/src/traffic/read-traffic-files'
import { readTrafficFile } from '../../packages/api/src/traffic/traffic-file-reader'
import { cli } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'warikan-traffic-'))
let n = 0
const file = (content: string | Buffer, name = `log-${n++}.csv`) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

const SAMPLE = 'fixtures/traffic/kanagawa-2026-sample.csv'
const SAMPLE_SJIS = 'fixtures/traffic/kanagawa-2026-sample-sjis.csv'

describe('warikan traffic', () => {
  it('UTF-8 and Shift_JIS samples (English vs Japanese headers) aggregate alike', async () => {
    const a = await cli(['traffic', SAMPLE, '--format', 'json'])
    const b = await cli(['traffic', SAMPLE_SJIS, '--format', 'json'])
    expect(a.code).toBe(0)
    expect(b.stdout).toBe(a.stdout)
    const out = JSON.parse(a.stdout)
    expect(Object.keys(out)).toEqual(['rows', 'pairs'])
    expect(out.rows).toBe(3000)
    expect(Object.keys(out.pairs[0])).toEqual([
      'requester',
      'provider',
      'queries',
      'records',
      'bytes',
    ])
  })

  it('Shift_JIS with Japanese text and a BOM-less UTF-8 twin; forced encoding', async () => {
    const text =
      '照会日時,照会元,提供元,事務\r\n2026/06/01 09:00:00,143014,MHLW,"児童手当, 現況届"\r\n'
    const sjis = file(iconv.encode(text, 'cp932'))
    const utf8 = file(text)
    const bom = file('\uFEFF' + text)
    const expected = {
      rows: 1,
      pairs: [{ requester: '143014', provider: 'MHLW', queries: 1, records: 1, bytes: 0 }],
    }
    for (const f of [sjis, utf8, bom])
      expect(JSON.parse((await cli(['traffic', f])).stdout)).toEqual(expected)
    expect(JSON.parse((await cli(['traffic', sjis, '--encoding', 'cp932'])).stdout)).toEqual(
      expected,
    )
    // forcing UTF-8 on Shift_JIS bytes fails on the file, not silently
    const forced = await cli(['traffic', sjis, '--encoding', 'utf-8'])
    expect(forced.code).not.toBe(0)
    expect(forced.stdout).toBe('')
    expect(forced.stderr).toContain(sjis)
  })

  it('two files add up', async () => {
    const one = JSON.parse((await cli(['traffic', SAMPLE])).stdout)
    const two = JSON.parse((await cli(['traffic', SAMPLE, SAMPLE_SJIS])).stdout)
    expect(two.rows).toBe(6000)
    expect(two.pairs[0].queries).toBe(one.pairs[0].queries * 2)
  })

  it('a bad row: exit ≠ 0, nothing on stdout, file + line + field on stderr', async () => {
    const bad = file(
      'timestamp,requester,provider,records\n2026-06-01T09:00:00+09:00,143014,MHLW,1\n' +
        '2026-06-01T09:00:00+09:00,143014,MHLW,0\n',
    )
    const r = await cli(['traffic', bad])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`${bad}: line 3, records`)
  })

  it('table: the member matrix in Japanese with other ids grouped', async () => {
    const r = await cli([
      'traffic',
      SAMPLE,
      '--format',
      'table',
      '--scenario',
      'fixtures/demo/kanagawa-2026-traffic.json',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('照会元＼提供先')
    expect(r.stdout).toContain('寒川町')
    expect(r.stdout).toContain('国の機関等')
    expect(r.stdout).toContain('2026-06')
  })

  const parallel = { threads: 2, parallelMinBytes: 0, unitBytes: 4096, chunkBytes: 1024 }
  const summarize = (f: string, o: object) =>
    summarizeTrafficFiles([f], undefined, o).then(
      (r) => r,
      (e: Error) => e.message,
    )

  it('worker threads give the same aggregate and line numbers as one thread', async () => {
    const rows: string[] = ['timestamp,requester,provider,procedure,records']
    for (let i = 0; i < 3000; i++)
      rows.push(
        `2026-${String((i % 12) + 1).padStart(2, '0')}-01T09:00:00+09:00,${i % 7 === 0 ? 'MHLW' : '143014'},${i % 5 === 0 ? '"143\n219"' : '143219'},x,${(i % 3) + 1}`,
      )
    const good = file(rows.join('\n') + '\n')
    const single = await summarizeTrafficFiles([good], undefined, { threads: 1 })
    expect(await summarizeTrafficFiles([good], undefined, parallel)).toEqual(single)
    rows[2500] = rows[2500]!.replace(',x,', ',x,y,')
    const bad = file(rows.join('\n') + '\n')
    const errors = await Promise.all([{ threads: 1 }, parallel].map((o) => summarize(bad, o)))
    expect(errors[1]).toBe(errors[0])
    // rows[2500] is record i = 2499; records 0..2498 start on line 2 and the 500 with i % 5 === 0 span two lines
    const line = 2 + 2499 + 500
    expect(errors[0]).toContain(`line ${line}, columns`)
  }, 20_000)

  it('threads read their own byte ranges: same sums, lines, blank-line rule and fallback', async () => {
    const rows: string[] = ['timestamp,requester,provider,procedure,records,bytes']
    for (let i = 0; i < 4000; i++)
      rows.push(
        `2026-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1} 0${i % 10}:00:00+09:00,${i % 7 === 0 ? 'MHLW' : '143014'},${143000 + (i % 11)},x,${(i % 3) + 1},${i}`,
      )
    const text = rows.join('\n')
    const good = file(text + '\n')
    const single = await summarizeTrafficFiles([good], undefined, { threads: 1 })
    expect(single.aggregate.rows).toBe(4000)
    const r = await readTrafficFile(good, parallel)
    expect(r.ok && r.threads).toBe(2) // really parsed by two threads (no quoted line break: no fallback)
    expect(await summarizeTrafficFiles([good], undefined, parallel)).toEqual(single)
    // CRLF, no final line break, a trailing blank line: same result
    for (const variant of [rows.join('\r\n') + '\r\n', text, text + '\n\n'])
      expect(await summarize(file(variant), parallel)).toEqual(single)
    // line numbers: record k (0-based) is on line k + 2
    const broken = [...rows]
    broken[3001] = broken[3001]!.replace('143014', '')
    const brokenFile = file(broken.join('\n') + '\n')
    const errors = await Promise.all(
      [{ threads: 1 }, parallel].map((o) => summarize(brokenFile, o)),
    )
    expect(errors[0]).toContain('line 3002, requester')
    expect(errors[1]).toBe(errors[0])
    // a blank line in the middle is an error at that line (line 2501 = after record 2498)
    const blank = file([...rows.slice(0, 2500), '', ...rows.slice(2500)].join('\n') + '\n')
    const blanks = await Promise.all([{ threads: 1 }, parallel].map((o) => summarize(blank, o)))
    expect(blanks[0]).toContain('line 2501')
    expect(blanks[1]).toBe(blanks[0])
    // one quoted line break that crosses a unit boundary: read on one thread, same result
    const quoted = [...rows]
    quoted[2000] = quoted[2000]!.replace(',x,', `,"${'y'.repeat(5000)}\n${'z'.repeat(5000)}",`)
    const q = file(quoted.join('\n') + '\n')
    const qr = await readTrafficFile(q, parallel)
    expect(qr.ok && qr.threads).toBe(1)
    expect(await summarize(q, parallel)).toEqual(single)
  }, 20_000)
})

/**
 * The traffic driver worked by hand on a 6-row log. Members A=143014, B=143219, C=143413; MHLW, JPS not members.
 *   1 A→B r1   2 A→B r3   3 B→C r2   4 C→A r1   5 MHLW→A r4   6 B→A r2
 * Each cost item is ¥1,000,000 with rule {traffic: 1}; rounding: floor, then the remaining yen to the largest
 * fractional part (ties: lower code).
 *  requester/queries: A 2, B 2, C 1 (of 5)            → 400,000 / 400,000 / 200,000
 *  requester/records: A 1+3=4, B 2+2=4, C 1 (of 9)    → 444,444.4 / 444,444.4 / 111,111.1 → +1 to A (tie, lower code)
 *  provider/queries:  A 3 (4,5,6), B 2, C 1 (of 6)    → 500,000 / 333,333.3 / 166,666.7 → +1 to C
 *  provider/records:  A 1+4+2=7, B 4, C 2 (of 13)     → 538,461.5 / 307,692.3 / 153,846.2 → +1 to A
 *  split/queries:     A ½×5=2.5, B ½×4=2, C ½×2=1 (5.5) → 454,545.5 / 363,636.4 / 181,818.2 → +1 to A
 *  split/records:     A .5+1.5+.5+2+1=5.5, B .5+1.5+1+1=4, C 1+.5=1.5 (11) → 500,000 / 363,636.4 / 136,363.6 → +1 to C
 */
describe('traffic driver on a 6-row log, through the CLI', () => {
  const log = file(
    [
      'timestamp,requester,provider,records',
      '2026-06-01T09:00:00+09:00,143014,143219,1',
      '2026-06-01T09:01:00+09:00,143014,143219,3',
      '2026-06-01T09:02:00+09:00,143219,143413,2',
      '2026-06-01T09:03:00+09:00,143413,143014,1',
      '2026-06-01T09:04:00+09:00,MHLW,143014,4',
      '2026-06-01T09:05:00+09:00,143219,143014,2',
      '',
    ].join('\n'),
  )
  const combos = [
    ['requester', 'queries'],
    ['requester', 'records'],
    ['provider', 'queries'],
    ['provider', 'records'],
    ['split', 'queries'],
    ['split', 'records'],
  ] as const
  const scenario = file(
    JSON.stringify({
      version: 1,
      consortium: { name: 'テスト協議会', fiscalYear: 2026 },
      members: [
        { code: '143014', name: 'A町', population: 100 },
        { code: '143219', name: 'B町', population: 300 },
        { code: '143413', name: 'C町', population: 600 },
      ],
      costs: combos.map(([basis, unit]) => ({
        id: `${basis}-${unit}`,
        name: `${basis} ${unit}`,
        amount: 1_000_000,
        rule: { traffic: 1 },
        traffic: { basis, unit },
      })),
    }),
    'six.json',
  )
  const expected: Record<string, [number, number, number]> = {
    'requester-queries': [400_000, 400_000, 200_000],
    'requester-records': [444_445, 444_444, 111_111],
    'provider-queries': [500_000, 333_333, 166_667],
    'provider-records': [538_462, 307_692, 153_846],
    'split-queries': [454_546, 363_636, 181_818],
    'split-records': [500_000, 363_636, 136_364],
  }
  it('allocate --traffic', async () => {
    const r = await cli(['allocate', scenario, '--traffic', log, '--format', 'json'])
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout) as { members: Array<{ shares: Record<string, number> }> }
    for (const [id, shares] of Object.entries(expected))
      expect([id, out.members.map((m) => m.shares[id])]).toEqual([id, shares])
  })
  it('divergence: population vs each basis, largest gap first', async () => {
    const popScenario = file(
      JSON.stringify({
        version: 1,
        consortium: { name: 'テスト協議会', fiscalYear: 2026 },
        members: [
          { code: '143014', name: 'A町', population: 100 },
          { code: '143219', name: 'B町', population: 300 },
          { code: '143413', name: 'C町', population: 600 },
        ],
        costs: [
          {
            id: 'chukan',
            name: '中間サーバ',
            amount: 1_000_000,
            rule: { traffic: 1 },
            traffic: { basis: 'provider', unit: 'queries' },
          },
        ],
      }),
    )
    const r = await cli(['divergence', popScenario, '--traffic', log, '--format', 'json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    // population: A 100,000, B 300,000, C 600,000. Gaps: C requester 200,000−600,000 = −400,000,
    // provider 166,667−600,000 = −433,333, split 181,818−600,000 = −418,182 → C first (−433,333);
    // A provider 500,000−100,000 = +400,000; B provider 333,333−300,000 = +33,333 (requester +100,000)
    expect(
      report.members.map((m: { code: string; largestGap: number }) => [m.code, m.largestGap]),
    ).toEqual([
      ['143413', -433_333],
      ['143014', 400_000],
      ['143219', 100_000],
    ])
    expect(report.members[1].bases.provider).toEqual({
      share: 500_000,
      difference: 400_000,
      differenceRate: 4,
    })
    const table = await cli(['divergence', popScenario, '--traffic', log])
    expect(table.stdout).toContain('人口割')
    expect(table.stdout).toContain('+¥400,000')
  })
})
