/**
 * The six placement rules (ids are stable), each with a plain-Japanese explanation, the source section
 * it comes from and a suggested fix. Seed 002 = 総務省「自治体クラウドの情報セキュリティ対策等に関する
 * 調査研究 報告書」(2013年5月); seed 001 = 総務省「新たな自治体情報セキュリティ対策に係る検討課題について（案）」
 * (2021年9月27日, ガイドライン改定等に係る検討会).
 */
export type RuleId = 'NET-001' | 'NET-002' | 'NET-003' | 'NET-004' | 'NET-005' | 'NET-006'
export type Severity = 'error' | 'warning' | 'info'

export interface RuleInfo {
  id: RuleId
  severity: Severity
  /** one line: what the rule asks for */
  title: string
  /** why, in plain Japanese, for a planner */
  explanation: string
  /** where it comes from */
  source: string
}

const REPORT_2013 =
  '総務省「自治体クラウドの情報セキュリティ対策等に関する調査研究 報告書」(2013年5月)'
const REVIEW_2021 =
  '総務省「新たな自治体情報セキュリティ対策に係る検討課題について（案）」(2021年9月27日)'

export const RULES: Record<RuleId, RuleInfo> = {
  'NET-001': {
    id: 'NET-001',
    severity: 'error',
    title: '中間サーバとインターフェイスシステムの間（責任分界点）にファイアウォールを置く',
    explanation:
      '中間サーバは国が調達するインターフェイスシステム（情報提供ネットワークシステム側）と地方公共団体側のシステムの境目にあり、調達・運用の主体が異なります。責任分界点を明確にし、外部の情報保有機関とやり取りする中間サーバを守るため、両者の間にファイアウォールを設置することが望ましいとされています。ファイアウォールを一度も通らずに届く経路があると、この境目が曖昧になります。',
    source: `${REPORT_2013} §3.3.3 (1) 責任分界点の明確化、(2) セキュリティの確保`,
  },
  'NET-002': {
    id: 'NET-002',
    severity: 'warning',
    title: '中間サーバは既存システムと別のセグメントに置く',
    explanation:
      '中間サーバは外部（他の情報保有機関など）からアクセスされるため、既存システム（住基・税などの基幹系業務システム）と同じセグメントに置くと、既存システムのセキュリティが確保できなくなるおそれがあります。図3-5（同じセグメントに置く構成例）より図3-6（異なるセグメントに置く構成例）が望ましいとされています。',
    source: `${REPORT_2013} §3.3.3 (2) セキュリティの確保（図3-5・図3-6）`,
  },
  'NET-003': {
    id: 'NET-003',
    severity: 'warning',
    title: '中間サーバと情報系LANの間にファイアウォールを置く',
    explanation:
      '基幹系LANと情報系LANが分かれている庁内では、中間サーバを情報系LANに接続するのか、中間サーバと情報系LANの間にファイアウォールを設置するのかを検討する必要があります（図3-7 直接接続するケース／図3-8 直接接続しないケース）。ファイアウォールを通らずに情報系LANから中間サーバに届く経路があると、情報系の端末やインターネット由来の脅威が中間サーバに及ぶおそれがあります。',
    source: `${REPORT_2013} §3.3.3 (3) 自庁内ネットワーク（図3-7・図3-8）`,
  },
  'NET-004': {
    id: 'NET-004',
    severity: 'info',
    title: '基幹系LANと情報系LANをつなぐルータの接続ポリシーを見直す',
    explanation:
      '基幹系LANと情報系LANをファイアウォールではなくルータ等でつないでいる場合、中間サーバの導入に伴ってどの通信を通すのか（接続ポリシー）を再検討する必要があります。報告書は、中間サーバを情報系LANに直接接続する場合もしない場合も、この見直しが必要としています。',
    source: `${REPORT_2013} §3.3.3 (3) 自庁内ネットワーク（「いずれのケースにおいても…既設のルータ等の接続ポリシーの再検討が必要」）`,
  },
  'NET-005': {
    id: 'NET-005',
    severity: 'error',
    title: 'マイナンバー利用事務系（基幹系）をインターネットから分離する',
    explanation:
      '三層分離の考え方では、マイナンバー利用事務系はインターネットから分離します。例外は十分に安全性が確保された外部接続先（eLTAX、ぴったりサービス等）との間の片方向の電子的な移送だけで、その経路には片方向転送・無害化のゲートウェイを置きます。ゲートウェイを通らずにインターネットへ届く経路は、この分離を破ります。',
    source: `${REVIEW_2021} ④ マイナンバー利用事務系から外部接続先（eLTAX、ぴったりサービス）へのデータのアップロード（令和2年度のマイナンバー利用事務系の分離の見直し）`,
  },
  'NET-006': {
    id: 'NET-006',
    severity: 'warning',
    title: '情報系（LGWAN接続系）とインターネットの間は無害化通信のゲートウェイを通す',
    explanation:
      '三層分離の考え方では、LGWAN接続系（情報系）はインターネット接続系と分け、メールやファイルはゲートウェイで無害化してから取り込みます。ゲートウェイを通らずに情報系LANからインターネットへ届く経路があると、不正プログラムが情報系に入り込むおそれがあります。',
    source: `${REVIEW_2021} ④ および【参考】3.(3) インターネット接続系（情報システム全体の強靱性の向上）`,
  },
}

/** 重大度 in Japanese, for tables and diagrams. */
export const SEVERITY_JA: Record<Severity, string> = {
  error: 'エラー',
  warning: '警告',
  info: '情報',
}
