/**
 * 表2-13「SLA のグレードの検討」(総務省 自治体クラウド 調査報告, §2.3.3) as data, and the check of an SLA
 * file's agreed grades against it, item by item over the SLA items of 表2-12.
 */
import { cmp, fromDecimal } from '../rational'
import { percentText } from './availability'
import { rateValue, type SlaFile } from './schema'

export type GradeStatus = 'ok' | 'below' | 'missing'

/** The judgement of an SLA item, in words (CLI, web, deck). */
export const GRADE_STATUS_JA: Record<GradeStatus, string> = {
  ok: '✓ 適合',
  below: '✗ 推奨未満',
  missing: '✗ 未設定',
}

export interface GradeFinding {
  /** the SLA item of 表2-12 */
  item: string
  status: GradeStatus
  agreed: string
  recommended: string
  message: string
}

/** The recommended grade of each item (表2-13, paraphrased). */
export const RECOMMENDED_GRADES = [
  {
    item: 'サービス時間',
    recommended:
      '市民向けは24時間365日、職員向けは開庁日時を基準に定め、夜間バッチのサービス時間も別途定める',
  },
  { item: 'サービス稼働率', recommended: '99%〜99.5%程度を基本とする' },
  {
    item: 'ディザスタリカバリ方法',
    recommended: '広域災害を想定した遠隔地バックアップと、それを用いた緊急対応の方法を定める',
  },
  {
    item: '障害発生時等に提供されるバックアップデータ形式',
    recommended: 'EUC で利用可能なデータ形式で提供される',
  },
  { item: '平均復旧時間', recommended: '3時間程度を基本とする' },
  {
    item: 'サービス提供状況の確認方法',
    recommended:
      'オンラインでリアルタイムに確認でき、障害時は電話・メールなど複数手段で自動連絡する',
  },
  {
    item: 'カスタマイズ性',
    recommended: '簡易な帳票変更が利用者側で可能で、EUC 用の形式で出力できる',
  },
  {
    item: '同時接続利用者数',
    recommended: '平常時の同時接続数と、一時的に増やす手段・手続きを定める',
  },
  {
    item: 'データバックアップの方法',
    recommended: '頻度、方法（フル・差分など）、保管媒体、データ形式を定める',
  },
  {
    item: 'バックアップデータの保管期間',
    recommended: '保管期間、世代数、廃棄時の方法を定める',
  },
] as const

/** Data formats an end user can work with (EUC). */
const EUC_FORMATS = ['CSV', 'TSV', 'XLSX', 'XLS', 'EXCEL', 'XML', 'JSON', 'ODS', 'テキスト', 'TEXT']

const yes = (b: boolean | undefined) => b === true

export function checkGrades(sla: SlaFile): GradeFinding[] {
  const g = sla.grades
  const rec = (i: number) => RECOMMENDED_GRADES[i]!
  const out: GradeFinding[] = []
  const push = (i: number, status: GradeStatus, agreed: string, message: string) =>
    out.push({ item: rec(i).item, status, agreed, recommended: rec(i).recommended, message })

  // サービス時間
  {
    const residents24 = sla.services.filter(
      (s) => s.audience === 'residents' && (s.hours ?? '24x365') !== '24x365',
    )
    const staffScheduled = sla.services.some(
      (s) => s.audience === 'staff' && (s.hours ?? 'schedule') === 'schedule',
    )
    const problems: string[] = []
    let status: GradeStatus = 'ok'
    if (staffScheduled && !sla.serviceHours) {
      status = 'missing'
      problems.push('職員向けサービスの開庁日時 (serviceHours) が定められていません')
    }
    if (sla.serviceHours && !sla.serviceHours.batchWindow) {
      if (status === 'ok') status = 'missing'
      problems.push('夜間バッチのサービス時間 (serviceHours.batchWindow) が定められていません')
    }
    if (residents24.length) {
      status = 'below'
      problems.push(
        `市民向けサービス ${residents24.map((s) => s.name).join('、')} が24時間365日ではありません`,
      )
    }
    const agreed = sla.serviceHours
      ? `開庁日 ${weeklyText(sla)}${sla.serviceHours.batchWindow ? `、夜間バッチ ${sla.serviceHours.batchWindow}` : ''}`
      : '—'
    push(0, status, agreed, problems.join('。') || '推奨どおりです')
  }
  // サービス稼働率
  if (g.availability === undefined) push(1, 'missing', '—', '稼働率の目標が定められていません')
  else {
    const a = rateValue(g.availability)
    const text = percentText(a)
    if (cmp(a, fromDecimal('0.99')) < 0)
      push(1, 'below', text, `稼働率 ${text} は推奨の 99% を下回ります`)
    else if (cmp(a, fromDecimal('0.995')) > 0)
      push(1, 'ok', text, `推奨 (99〜99.5%) より高い目標です。費用が増える場合があります`)
    else push(1, 'ok', text, '推奨どおりです')
  }
  // DR
  {
    const dr = g.dr
    if (!dr) push(2, 'missing', '—', 'ディザスタリカバリの方法が定められていません')
    else {
      const miss = [
        !yes(dr.remoteBackup) && '遠隔地バックアップ',
        !yes(dr.emergencyProcedure) && '遠隔地データを用いた緊急対応の方法',
      ].filter(Boolean)
      push(
        2,
        miss.length ? 'below' : 'ok',
        [yes(dr.remoteBackup) && '遠隔地バックアップ', yes(dr.emergencyProcedure) && '緊急対応手順']
          .filter(Boolean)
          .join('・') || 'なし',
        miss.length ? `${miss.join('、')}がありません` : '推奨どおりです',
      )
    }
  }
  // 障害時データ形式
  if (!g.failureDataFormat)
    push(3, 'missing', '—', '障害時に提供されるデータ形式が定められていません')
  else {
    const euc = EUC_FORMATS.some((f) => g.failureDataFormat!.toUpperCase().includes(f))
    push(
      3,
      euc ? 'ok' : 'below',
      g.failureDataFormat,
      euc ? '推奨どおりです' : 'EUC で使える形式 (CSV・Excel など) ではありません',
    )
  }
  // 平均復旧時間
  if (g.mttrHours === undefined) push(4, 'missing', '—', '平均復旧時間が定められていません')
  else
    push(
      4,
      g.mttrHours > 3 ? 'below' : 'ok',
      `${g.mttrHours}時間`,
      g.mttrHours > 3
        ? `${g.mttrHours}時間は推奨の3時間程度より長い目標です`
        : g.mttrHours < 3
          ? '推奨 (3時間程度) より短い目標です。費用が増える場合があります'
          : '推奨どおりです',
    )
  // 提供状況の確認
  {
    const s = g.statusReporting
    if (!s) push(5, 'missing', '—', 'サービス提供状況の確認方法が定められていません')
    else {
      const miss = [
        !(yes(s.online) && yes(s.realtime)) && 'オンラインでのリアルタイム確認',
        (s.notify?.length ?? 0) < 2 && '障害時の複数手段での自動連絡',
      ].filter(Boolean)
      push(
        5,
        miss.length ? 'below' : 'ok',
        [yes(s.online) && 'オンライン', yes(s.realtime) && 'リアルタイム', s.notify?.join('・')]
          .filter(Boolean)
          .join('、') || 'なし',
        miss.length ? `${miss.join('、')}がありません` : '推奨どおりです',
      )
    }
  }
  // カスタマイズ性
  {
    const c = g.customization
    if (!c) push(6, 'missing', '—', 'カスタマイズ性が定められていません')
    else {
      const miss = [
        !yes(c.simpleForms) && '利用者側での簡易な帳票変更',
        !yes(c.eucOutput) && 'EUC 用の形式での出力',
      ].filter(Boolean)
      push(
        6,
        miss.length ? 'below' : 'ok',
        miss.length ? '一部' : 'あり',
        miss.length ? `${miss.join('、')}がありません` : '推奨どおりです',
      )
    }
  }
  // 同時接続利用者数
  {
    const c = g.concurrentUsers
    if (!c) push(7, 'missing', '—', '同時接続利用者数が定められていません')
    else {
      const miss = [
        c.normal === undefined && '平常時の同時接続数',
        !yes(c.temporaryIncrease) && '一時的に増やす手続き',
      ].filter(Boolean)
      push(
        7,
        miss.length ? 'below' : 'ok',
        c.normal === undefined ? '—' : `平常時 ${c.normal}人`,
        miss.length ? `${miss.join('、')}が定められていません` : '推奨どおりです',
      )
    }
  }
  // バックアップの方法
  {
    const b = g.backup
    const miss = [
      !b?.frequency && '頻度',
      !b?.method && '方法',
      !b?.media && '保管媒体',
      !b?.format && 'データ形式',
    ].filter(Boolean)
    push(
      8,
      !b ? 'missing' : miss.length ? 'below' : 'ok',
      b ? [b.frequency, b.method, b.media, b.format].filter(Boolean).join('・') : '—',
      miss.length ? `${miss.join('、')}が定められていません` : '推奨どおりです',
    )
  }
  // 保管期間
  {
    const r = g.retention
    const miss = [
      r?.days === undefined && '保管期間',
      r?.generations === undefined && '世代数',
      !r?.disposal && '廃棄時の方法',
    ].filter(Boolean)
    push(
      9,
      !r ? 'missing' : miss.length ? 'below' : 'ok',
      r
        ? [r.days && `${r.days}日`, r.generations && `${r.generations}世代`, r.disposal]
            .filter(Boolean)
            .join('・')
        : '—',
      miss.length ? `${miss.join('、')}が定められていません` : '推奨どおりです',
    )
  }
  return out
}

const DAY_JA: Record<string, string> = {
  mon: '月',
  tue: '火',
  wed: '水',
  thu: '木',
  fri: '金',
  sat: '土',
  sun: '日',
}
function weeklyText(sla: SlaFile): string {
  const w = sla.serviceHours!.weekly
  const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
  const groups: Array<{ from: string; to: string; ranges: string }> = []
  for (const d of order) {
    const ranges = (w[d] ?? []).join(',')
    const last = groups[groups.length - 1]
    if (
      ranges &&
      last &&
      last.ranges === ranges &&
      order.indexOf(last.to as never) === order.indexOf(d) - 1
    )
      last.to = d
    else if (ranges) groups.push({ from: d, to: d, ranges })
  }
  return groups
    .map((g) => `${DAY_JA[g.from]}${g.from === g.to ? '' : `〜${DAY_JA[g.to]}`} ${g.ranges}`)
    .join(' / ')
}
