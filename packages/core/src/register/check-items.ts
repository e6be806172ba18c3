/**
 * 「自治体が「外部サービス」を利用する際の留意すべき確認項目」: 12 check items in 9 categories, each mapped to
 * a control of JIS Q 27017:2016 (小田・藤本, 地方公共団体における外部サービス利用の実態と課題の研究, 図11).
 * The wording is a paraphrase.
 */
export interface CheckItem {
  id: string
  /** the category number of 図11, (1)…(9) */
  category: number
  categoryName: string
  text: string
  jis: string
}

export const CHECK_ITEMS: readonly CheckItem[] = [
  {
    id: '1a',
    category: 1,
    categoryName: 'インシデント報告',
    text: 'インシデント報告の内容を事業者と確認し合意している',
    jis: '16.1.1 責任及び手順',
  },
  {
    id: '1b',
    category: 1,
    categoryName: 'インシデント報告',
    text: 'インシデント報告の仕組みを事業者と確認し合意している',
    jis: '16.1.2 情報セキュリティ事象の報告',
  },
  {
    id: '2',
    category: 2,
    categoryName: '情報資産管理',
    text: '情報資産を定期的にバックアップしている',
    jis: '12.3.1 情報のバックアップ',
  },
  {
    id: '3a',
    category: 3,
    categoryName: 'アクセス制御',
    text: 'アクセス制御方針を定めている',
    jis: '9.1.2 ネットワーク及びネットワークサービスへのアクセス',
  },
  {
    id: '3b',
    category: 3,
    categoryName: 'アクセス制御',
    text: '方針どおりにサービスがアクセスを制限できている',
    jis: '9.4.1 情報へのアクセス制限',
  },
  {
    id: '4',
    category: 4,
    categoryName: '情報セキュリティ要求事項',
    text: '要求事項を定め、サービスが満たすか確かめている',
    jis: '14.1.1 情報セキュリティ要求事項の分析及び仕様化',
  },
  // The seed prints "2.1.2"; JIS Q 27017's 変更管理 control is 12.1.2.
  {
    id: '5',
    category: 5,
    categoryName: '変更管理',
    text: '設定を変えたとき仕様書等の変更履歴が作られている',
    jis: '12.1.2 変更管理',
  },
  {
    id: '6',
    category: 6,
    categoryName: '脆弱性管理',
    text: '技術的脆弱性の情報を事業者に求め、業務・データへの影響を特定している',
    jis: '12.6.1 技術的脆弱性の管理',
  },
  {
    id: '7',
    category: 7,
    categoryName: '緊急時対応計画',
    text: '緊急時対応計画を策定している',
    jis: '16.1.1 責任及び手順',
  },
  {
    id: '8a',
    category: 8,
    categoryName: 'SLA',
    text: 'SLA で情報セキュリティの役割と責任が明確になっている',
    jis: '15.1.2 供給者との合意におけるセキュリティの取扱い',
  },
  {
    id: '8b',
    category: 8,
    categoryName: 'SLA',
    text: 'サービス（複数で構成される場合は各サービス）が SLA を遵守している',
    jis: '15.1.3 ICT サプライチェーン',
  },
  {
    id: '9',
    category: 9,
    categoryName: '監査',
    text: '定期的な監査または監査報告書で遵守状況を確認している',
    jis: '18.2.1 情報セキュリティの独立したレビュー',
  },
]

export const CHECK_ITEM_IDS = CHECK_ITEMS.map((c) => c.id)
