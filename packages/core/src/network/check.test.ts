import { describe, expect, it } from 'vitest'
import { checkTopology } from './check'
import { topo } from './test-topology'

/** rule + path of each finding, in output order */
const found = (t: ReturnType<typeof topo>) =>
  checkTopology(t).findings.map((f) => `${f.rule} ${f.path.join('>')}`)

describe('NET-001 中間サーバ → インターフェイス without a firewall', () => {
  it('fires on a direct link and on a router link, not through a firewall', () => {
    expect(found(topo('c:chukan i:interface', 'ms@c:middle-server', 'c-i'))).toEqual([
      'NET-001 c>i',
    ])
    expect(found(topo('c:chukan i:interface', 'ms@c:middle-server', 'c-i/rt1'))).toEqual([
      'NET-001 c>i',
    ])
    expect(found(topo('c:chukan i:interface', 'ms@c:middle-server', 'c-i/fw1'))).toEqual([])
    // a gateway is not a firewall
    expect(found(topo('c:chukan i:interface', 'ms@c:middle-server', 'c-i/gw1'))).toEqual([
      'NET-001 c>i',
    ])
  })

  it('needs a middle-server: an empty chukan segment is not checked', () => {
    expect(found(topo('c:chukan i:interface', '', 'c-i'))).toEqual([])
  })

  it('follows the segment of the node, whatever the segment kind', () => {
    // middle server placed in an `other` segment two hops away through a router and a direct link
    expect(found(topo('x:other m:other i:interface', 'ms@x:middle-server', 'x-m/rt1 m-i'))).toEqual(
      ['NET-001 x>m>i'],
    )
  })

  it('a firewall on the short path does not help when a longer path has none (cycle)', () => {
    // c—i through fw1 (1 hop), and c—a—b—i direct (3 hops): the longer path is found
    expect(
      found(
        topo('c:chukan a:other b:other i:interface', 'ms@c:middle-server', 'c-i/fw1 c-a a-b b-i'),
      ),
    ).toEqual(['NET-001 c>a>b>i'])
  })

  it('reports a middle-server placed in the interface segment itself with path [segment]', () => {
    expect(found(topo('i:interface', 'ms@i:middle-server'))).toEqual(['NET-001 i'])
  })

  it('one finding per (middle-server segment, interface segment) pair, sorted by path', () => {
    // two middle servers in c (deduplicated), one in d; two interface segments
    const t = topo(
      'c:chukan d:chukan i:interface j:interface',
      'ms1@c:middle-server ms2@c:middle-server ms3@d:middle-server',
      'c-i d-i i-j/rt1',
    )
    expect(found(t)).toEqual(['NET-001 c>i', 'NET-001 c>i>j', 'NET-001 d>i', 'NET-001 d>i>j'])
  })

  it('disconnected segments never reach each other', () => {
    expect(found(topo('c:chukan i:interface', 'ms@c:middle-server', ''))).toEqual([])
  })
})

describe('NET-002 中間サーバと既存システムが同じセグメント', () => {
  it('fires once per shared segment, path [segment]', () => {
    const t = topo(
      'k:kikan',
      'juki@k:existing-system zei@k:existing-system ms1@k:middle-server ms2@k:middle-server',
    )
    const f = checkTopology(t).findings
    expect(f.map((x) => [x.rule, x.severity, x.path])).toEqual([['NET-002', 'warning', ['k']]])
    expect(f[0]!.message).toContain('ms1、ms2')
    expect(f[0]!.message).toContain('juki、zei')
  })
  it('does not fire for separate segments, or for other node kinds sharing the segment', () => {
    expect(
      found(topo('k:kikan c:chukan', 'juki@k:existing-system ms@c:middle-server', 'k-c')),
    ).toEqual([])
    expect(found(topo('c:chukan', 'ms@c:middle-server t@c:terminal o@c:other'))).toEqual([])
  })
})

describe('NET-003 中間サーバ → 情報系 without a firewall', () => {
  it('fires through a router and a kikan segment; a firewall on every path stops it', () => {
    expect(found(topo('c:chukan k:kikan j:joho', 'ms@c:middle-server', 'c-k k-j/rt1'))).toEqual([
      'NET-003 c>k>j',
      'NET-004 k>j',
    ])
    expect(found(topo('c:chukan k:kikan j:joho', 'ms@c:middle-server', 'c-k/fw1 k-j/rt1'))).toEqual(
      ['NET-004 k>j'],
    )
  })
  it('a middle-server inside the joho LAN (図3-7 taken literally) gives path [joho]', () => {
    expect(found(topo('j:joho', 'ms@j:middle-server'))).toEqual(['NET-003 j'])
  })
})

describe('NET-004 ルータが基幹系と情報系を直接つなぐ', () => {
  it('fires per router-linked (kikan, joho) pair, kikan first, whichever way the link is written', () => {
    expect(found(topo('k:kikan j:joho', '', 'j-k/rt1'))).toEqual(['NET-004 k>j'])
  })
  it('two routers on the same pair give one finding naming both', () => {
    const f = checkTopology(topo('k:kikan j:joho', '', 'k-j/rt2 j-k/rt1')).findings
    expect(f).toHaveLength(1)
    expect(f[0]!.message).toContain('rt1、rt2')
  })
  it('does not fire for a firewall, a gateway, a direct link, or a router between other kinds', () => {
    expect(found(topo('k:kikan j:joho', '', 'k-j/fw1'))).toEqual([])
    expect(found(topo('k:kikan j:joho', '', 'k-j/gw1'))).toEqual([])
    expect(found(topo('k:kikan j:joho', '', 'k-j'))).toEqual([])
    // kikan—other—joho through two routers: not "a router joining kikan and joho"
    expect(found(topo('k:kikan o:other j:joho', '', 'k-o/rt1 o-j/rt2'))).toEqual([])
  })
})

describe('NET-005 基幹系 → インターネット without a gateway', () => {
  it('a firewall or a router is not enough; only a gateway separates', () => {
    expect(found(topo('k:kikan n:internet', '', 'k-n/fw1'))).toEqual(['NET-005 k>n'])
    expect(found(topo('k:kikan n:internet', '', 'k-n/rt1'))).toEqual(['NET-005 k>n'])
    expect(found(topo('k:kikan n:internet', '', 'k-n/gw1'))).toEqual([])
  })
  it('finds the path around a gateway (eLTAX one-way link plus a forgotten direct route)', () => {
    // k—e through the eLTAX gateway, e—n direct; k—o—n via a router: the second path fires
    expect(
      found(topo('k:kikan e:other o:other n:internet', '', 'k-e/gw1 e-n o-n/rt1 k-o')),
    ).toEqual(['NET-005 k>o>n'])
  })
})

describe('NET-006 情報系 → インターネット without a gateway', () => {
  it('fires without a gateway and not with one', () => {
    expect(found(topo('j:joho n:internet', '', 'j-n/fw1'))).toEqual(['NET-006 j>n'])
    expect(found(topo('j:joho n:internet', '', 'j-n/gw1'))).toEqual([])
  })
})

describe('paths and order', () => {
  it('breaks ties between shortest paths by the smallest ids, element-wise', () => {
    // c reaches i in 2 hops via a, b or z; the declared order must not matter
    const t = topo(
      'c:chukan z:other b:other a:other i:interface',
      'ms@c:middle-server',
      'c-z z-i c-b b-i c-a a-i',
    )
    expect(found(t)).toEqual(['NET-001 c>a>i'])
    // a diamond where the smallest second hop leads only to a longer route: shortest wins first
    const u = topo(
      'c:chukan a:other b:other x:other i:interface',
      'ms@c:middle-server',
      'c-a a-x x-i c-b b-i',
    )
    expect(found(u)).toEqual(['NET-001 c>b>i'])
  })

  it('sorts by rule id, then path element-wise (a prefix first), regardless of input order', () => {
    const t = topo(
      'n:internet k2:kikan k1:kikan j:joho c:chukan i:interface',
      'ms@c:middle-server juki@c:existing-system',
      'k2-n k1-k2 j-k1/rt1 c-i c-j',
    )
    expect(found(t)).toEqual([
      'NET-001 c>i',
      'NET-002 c',
      'NET-003 c>j',
      'NET-004 k1>j',
      'NET-005 k1>k2>n',
      'NET-005 k2>n',
      // j reaches n through the router rt1 (a router is not a gateway)
      'NET-006 j>k1>k2>n',
    ])
  })

  it('an empty topology and a compliant one have no findings', () => {
    expect(found(topo(''))).toEqual([])
    expect(
      found(
        topo(
          'k:kikan c:chukan i:interface j:joho n:internet',
          'juki@k:existing-system ms@c:middle-server',
          'k-c/fw1 c-i/fw2 k-j/fw3 j-n/gw1',
        ),
      ),
    ).toEqual([])
  })

  it('each finding carries the four spec keys plus explanation, source and fix', () => {
    const [f] = checkTopology(topo('k:kikan n:internet', '', 'k-n')).findings
    expect(Object.keys(f!)).toEqual([
      'rule',
      'severity',
      'message',
      'path',
      'explanation',
      'source',
      'fix',
    ])
    expect(f!.severity).toBe('error')
    expect(f!.source).toContain('④')
  })
})
