import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseBillMap } from '../../packages/core/src/bills/index'
import { readBillFiles } from '../../packages/api/src/bills/read-bill-files'
import { writeFocusBill } from '../../fixtures/bills/generate-focus-bill'

const map = parseBillMap(JSON.parse(readFileSync('fixtures/bills/kanagawa-2026-map.json', 'utf8')))
if (!map.ok) throw new Error('fixture map')
const rates = { USD: { m: 15137n, s: 2 } }

describe('bill files on several threads', () => {
  it('gives exactly what one thread gives', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warikan-bill-par-'))
    const file = join(dir, 'aws.csv')
    await writeFocusBill(file, { provider: 'aws', rows: 3000, seed: 11 })
    const one = await readBillFiles([file, 'fixtures/bills/sakura-2026-04.csv'], map.value, {
      rates,
      threads: 1,
    })
    const many = await readBillFiles([file, 'fixtures/bills/sakura-2026-04.csv'], map.value, {
      rates,
      threads: 3,
      parallelMinBytes: 1,
    })
    expect(one.ok).toBe(true)
    expect(many).toEqual(one)
  })

  it('a bad row in a later range still names its exact line (read again in order)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warikan-bill-par-'))
    const file = join(dir, 'aws.csv')
    await writeFocusBill(file, { provider: 'aws', rows: 3000, seed: 11 })
    const lines = readFileSync(file, 'utf8').split('\n')
    lines[2500] = lines[2500]!.replace(/^[^,]*/, 'x1')
    writeFileSync(file, lines.join('\n'))
    const r = await readBillFiles([file], map.value, { rates, threads: 3, parallelMinBytes: 1 })
    expect(r).toEqual({
      ok: false,
      problem: { file, line: 2501, field: 'BilledCost', message: expect.stringMatching(/"x1"/) },
    })
  })
})
