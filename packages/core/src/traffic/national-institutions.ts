/**
 * 国の機関 (national institutions) that appear as 照会元・提供先 in 情報連携 logs of a 中間サーバ, by the ids the
 * logs use. Members are named from the scenario; these are the non-members a planner sees in the matrix.
 *
 * Sources (who may ask or answer through 情報提供ネットワークシステム):
 * - 行政手続における特定の個人を識別するための番号の利用等に関する法律（平成25年法律第27号）第19条第8号・別表第二
 *   (情報照会者・情報提供者の一覧), e-Gov 法令検索 https://laws.e-gov.go.jp/law/425AC0000000027
 * - デジタル庁「マイナンバー制度」情報連携の説明 https://www.digital.go.jp/policies/mynumber
 * The ids are the bodies' usual English abbreviations (MHLW, JPS, NTA, JASSO …), as in the sample logs under
 * fixtures/traffic; a log that spells an id differently shows that id as it is.
 */

export interface NationalInstitution {
  /** the id as written in the log */
  id: string
  /** 正式名称 (short form used in 協議会資料) */
  name: string
  /** what it asks or answers for in 情報連携 (one line) */
  role: string
}

export const NATIONAL_INSTITUTIONS: readonly NationalInstitution[] = [
  { id: 'JPS', name: '日本年金機構', role: '年金の給付・保険料（所得・住民票情報の照会）' },
  { id: 'MHLW', name: '厚生労働省', role: '雇用保険・労災・医療保険者等の照会' },
  { id: 'NTA', name: '国税庁', role: '国税（地方税情報の照会）' },
  { id: 'JASSO', name: '日本学生支援機構', role: '奨学金の貸与・給付（所得情報の照会）' },
  { id: 'MOJ', name: '法務省', role: '戸籍関係情報・出入国在留管理' },
  { id: 'MIC', name: '総務省', role: '恩給等' },
  { id: 'MEXT', name: '文部科学省', role: '就学支援等' },
  { id: 'MLIT', name: '国土交通省', role: '公営住宅・自動車関係' },
  { id: 'DA', name: 'デジタル庁', role: '情報提供ネットワークシステムの運営' },
  {
    id: 'JLIS',
    name: '地方公共団体情報システム機構',
    role: '住民基本台帳ネットワーク・中間サーバ・プラットフォーム',
  },
  { id: 'KYOKAIKENPO', name: '全国健康保険協会', role: '健康保険（所得・住民票情報の照会）' },
  { id: 'KOKUHOCHUOKAI', name: '国民健康保険中央会', role: '医療保険者等向け中間サーバーの運営' },
]

const BY_ID = new Map(NATIONAL_INSTITUTIONS.map((i) => [i.id.toUpperCase(), i]))

/** The national institution of a log id (case-insensitive), if it is in the table. */
export const nationalInstitution = (id: string): NationalInstitution | undefined =>
  BY_ID.get(id.trim().toUpperCase())

/**
 * The name a planner reads for a 照会元・提供先 id: the member's name, else the national institution's name, else
 * the id with 「（その他の機関）」 so an unknown id is never mistaken for a member.
 */
export function institutionName(id: string, memberNames?: ReadonlyMap<string, string>): string {
  return memberNames?.get(id) ?? nationalInstitution(id)?.name ?? `${id}（その他の機関）`
}
