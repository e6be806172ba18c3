/**
 * Every CLI command, one entry each: name and summary here, the code loaded only when the command runs
 * (each command's dependencies — the database, the HTTP server, zod schemas — stay unloaded otherwise).
 */
import type { CommandEntry } from '../command'

export const commands: CommandEntry[] = [
  {
    name: 'allocate',
    summary: '負担金を按分する (allocate every cost item among the members)',
    load: async () => (await import('./allocate')).allocateCommand,
  },
  {
    name: 'db',
    summary: 'データベース操作: init | import | list | export …',
    load: async () => (await import('./db')).dbCommand,
  },
  {
    name: 'traffic',
    summary: '照会ログを集計する (aggregate traffic logs: requester × provider)',
    load: async () => (await import('./traffic')).trafficCommand,
  },
  {
    name: 'divergence',
    summary: '人口割と利用実績割の乖離を比べる (population vs traffic shares, largest gap first)',
    load: async () => (await import('./divergence')).divergenceCommand,
  },
  {
    name: 'network',
    summary: 'セグメント・ファイアウォール配置を確認する (check a network topology: NET-001…006)',
    load: async () => (await import('./network')).networkCommand,
  },
  {
    name: 'patterns',
    summary:
      '共同利用形態（同一業務統合型／団体内業務統合型／複数団体・多種業務統合型）を負荷から比較する (compare deployment patterns)',
    load: async () => (await import('./patterns')).patternsCommand,
  },
  {
    name: 'serve',
    summary: 'API と Web 画面を配信する (serve the HTTP API and the web view)',
    load: async () => (await import('./serve')).serveCommand,
  },
  {
    name: 'token',
    summary: 'API トークンの発行・一覧・失効 (create — printed once —, list, revoke API tokens)',
    load: async () => (await import('./token')).tokenCommand,
  },
  {
    name: 'compare',
    summary: '2つの按分結果を団体ごとに比較する (compare two allocations, yen and %)',
    load: async () => (await import('./compare')).compareCommand,
  },
  {
    name: 'fairness',
    summary: '公平性の検証: 削減率目標・α区間・シャープレイ値・コア (targets, Shapley value, core)',
    load: async () => (await import('./fairness')).fairnessCommand,
  },
  {
    name: 'whatif',
    summary: 'もしも分析: 団体の加入・脱退、人口・按分方法の変更 (what-if scenario operations)',
    load: async () => (await import('./whatif')).whatifCommand,
  },
  {
    name: 'sla',
    summary: 'SLA のグレード確認と稼働率・減額の報告 (SLA grades, availability and credits)',
    load: async () => (await import('./sla')).slaCommand,
  },
  {
    name: 'continuity',
    summary:
      'ネットワーク障害パターン × 対策の確認と共同対策の按分 (failure patterns × countermeasures)',
    load: async () => (await import('./continuity')).continuityCommand,
  },
  {
    name: 'services',
    summary: '外部サービス台帳の一覧・確認・取込・出力 (the external-service register)',
    load: async () => (await import('./services')).servicesCommand,
  },
  {
    name: 'settle',
    summary: '予算と決算の精算 (settle the budget split against the actual one)',
    load: async () => (await import('./settle')).settleCommand,
  },
  {
    name: 'plan',
    summary: '中期計画を年度ごとに按分する (allocate a multi-year plan year by year)',
    load: async () => (await import('./plan')).planCommand,
  },
  {
    name: 'bill',
    summary:
      'クラウドの請求明細 (FOCUS) を費目にする (FOCUS cost-and-usage files → cost items in yen)',
    load: async () => (await import('./bill')).billCommand,
  },
]
