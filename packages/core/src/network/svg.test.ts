import { describe, expect, it } from 'vitest'
import { checkTopology } from './check'
import { escapeXml, renderTopologySvg } from './svg'
import { topo } from './test-topology'

describe('renderTopologySvg', () => {
  const t = topo(
    'k:kikan c:chukan i:interface j:joho n:internet',
    'ms@c:middle-server',
    'k-c/fw1 c-i k-j/rt1 n-k',
  )
  const { findings } = checkTopology(t)
  const svg = renderTopologySvg(t, findings)

  it('draws every segment, link and device once', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true)
    expect(svg.match(/class="segment"/g)).toHaveLength(5)
    expect(svg.match(/class="link"/g)).toHaveLength(4)
    expect(svg.match(/class="device /g)).toHaveLength(2)
    expect(svg).toContain('class="device firewall"')
    expect(svg).toContain('class="device router"')
  })

  it('outlines the findings in their severity colour and lists them', () => {
    // NET-001 c>i (error), NET-004 k>j (info), NET-005 k>n (error), NET-006 j>k>n (warning: the
    // router is not a gateway)
    expect(findings.map((f) => `${f.rule} ${f.path.join('>')}`)).toEqual([
      'NET-001 c>i',
      'NET-004 k>j',
      'NET-005 k>n',
      'NET-006 j>k>n',
    ])
    const link = (i: number) => new RegExp(`data-link="${i}"[^>]*stroke="([^"]+)"`).exec(svg)![1]
    expect(link(1)).toBe('#c62828') // c-i, NET-001
    expect(link(2)).toBe('#ef6c00') // k-j through rt1: NET-004 (info) and NET-006 (warning) → worst
    expect(link(3)).toBe('#c62828') // n-k: NET-005 (error) and NET-006 → error
    expect(link(0)).toBe('#90a4ae') // k-c through the firewall: not on any finding
    expect(svg).toContain('NET-005［エラー］ k → n')
  })

  it('escapes names and is deterministic', () => {
    const u = topo('a:other')
    u.segments[0]!.name = '<庁内 & "LAN">'
    const out = renderTopologySvg(u)
    expect(out).toContain('&lt;庁内 &amp; &quot;LAN&quot;&gt;')
    expect(out).not.toContain('<庁内')
    expect(renderTopologySvg(t, findings)).toBe(svg)
    expect(escapeXml(`'`)).toBe('&#39;')
  })

  it('routes a link that skips columns below the boxes instead of through them', () => {
    // internet (column 0) to kikan (column 2, joho is column 1): an orthogonal path with H/V steps
    const d = /data-link="3" d="([^"]+)"/.exec(svg)![1]!
    expect(d).toMatch(/^M [\d.]+ [\d.]+ H [\d.]+ V [\d.]+ H [\d.]+ V [\d.]+ H [\d.]+$/)
  })

  it('stays within a sensible size for 30 segments', () => {
    const kinds = ['kikan', 'joho', 'chukan', 'interface', 'lgwan', 'internet', 'other']
    const segs = Array.from({ length: 30 }, (_, i) => `s${i}:${kinds[i % 7]}`).join(' ')
    const links = Array.from({ length: 40 }, (_, i) => `s${i % 30}-s${(i * 7 + 3) % 30}`)
      .filter((l) => l.split('-')[0] !== l.split('-')[1])
      .join(' ')
    const big = topo(segs, '', links)
    const out = renderTopologySvg(big, checkTopology(big).findings)
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(out)!.map(Number)
    expect(w).toBeLessThan(2600)
    expect(h).toBeLessThan(3000)
  })
})
