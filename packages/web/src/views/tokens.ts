/**
 * トークン管理 (admin): the consortium's API tokens — status, role, expiry — with revoke, and a form that issues
 * a new one (shown once). Other roles see the API's 403 message.
 */
import { japanTimeIso } from '@warikan/core'
import { ApiError, unwrap, type Schemas } from '../api-client'
import type { AppState } from '../model'
import { dataTable, h, replace } from './dom'

type TokenInfo = Schemas['TokenInfo']
type Role = Schemas['Role']

const STATUS = { active: '有効', expired: '期限切れ', revoked: '失効' } as const
const ROLE: Record<Role, string> = {
  admin: '管理者（事務局）',
  editor: '編集者',
  viewer: '閲覧者',
  member: '構成団体',
}
/** an ISO instant as a Japan-time date and minute (2027-03-01 09:00) */
const jst = (iso: string | null) =>
  iso === null ? '無期限' : japanTimeIso(Date.parse(iso)).slice(0, 16).replace('T', ' ')

export function renderTokens(root: HTMLElement, state: AppState): () => void {
  const cid = state.consortium?.id
  const list = h('div', { class: 'tokens-list', 'aria-live': 'polite' })
  const created = h('div', { class: 'token-created', 'aria-live': 'polite' })
  const role = h(
    'select',
    { id: 'token-role' },
    Object.entries(ROLE).map(([value, label]) => h('option', { value }, label)),
  )
  const member = h('input', { id: 'token-member', inputmode: 'numeric', placeholder: '143014' })
  const name = h('input', { id: 'token-name', maxlength: 200 })
  const expires = h('input', {
    id: 'token-expires',
    value: '90d',
    placeholder: '90d / 2027-03-31 / never',
  })
  const form = h(
    'form',
    {
      class: 'toolbar',
      onsubmit: (e: Event) => {
        e.preventDefault()
        void issue()
      },
    },
    h('label', { for: 'token-role', class: 'field' }, h('span', {}, 'ロール'), role),
    h(
      'label',
      { for: 'token-member', class: 'field' },
      h('span', {}, '団体コード（構成団体のみ）'),
      member,
    ),
    h('label', { for: 'token-name', class: 'field' }, h('span', {}, '名前'), name),
    h('label', { for: 'token-expires', class: 'field' }, h('span', {}, '有効期限'), expires),
    h('button', { type: 'submit', 'data-action': 'create-token' }, '発行'),
  )
  replace(
    root,
    h('h1', {}, 'トークン管理'),
    h(
      'p',
      { class: 'lead' },
      `組合: ${state.consortium?.name ?? '（未選択）'}。トークンそのものは発行時に一度だけ表示します。`,
    ),
    form,
    created,
    list,
  )

  const problem = (e: unknown) =>
    h('p', { role: 'alert' }, e instanceof ApiError ? e.message : String(e))

  async function load() {
    if (cid === undefined) return
    try {
      const tokens = await unwrap(
        state.api.http.GET('/api/consortia/{cid}/tokens', {
          params: { path: { cid: Number(cid) } },
        }),
      )
      replace(
        list,
        dataTable(
          'トークン一覧',
          ['id', '名前', 'ロール', '状態', '発行', '有効期限', ''],
          tokens.map((t) => [
            String(t.id),
            t.name,
            t.roles
              .map((r) => `${ROLE[r.role]}${r.memberCode ? ` ${r.memberCode}` : ''}`)
              .join('、'),
            STATUS[t.status] + (t.demo ? '（デモ）' : ''),
            jst(t.createdAt),
            jst(t.expiresAt),
            t.status === 'revoked'
              ? ''
              : t.demo
                ? h('span', { class: 'muted' }, 'デモ用（失効不可）')
                : h(
                    'button',
                    { type: 'button', 'data-action': 'revoke', onclick: () => void revoke(t) },
                    '失効させる',
                  ),
          ]),
          { numericFrom: 99 },
        ),
      )
    } catch (e) {
      replace(list, problem(e))
    }
  }

  async function revoke(t: TokenInfo) {
    if (!confirm(`トークン「${t.name}」を失効させますか？ すぐに使えなくなります。`)) return
    try {
      await unwrap(
        state.api.http.DELETE('/api/consortia/{cid}/tokens/{tokenId}', {
          params: { path: { cid: Number(cid), tokenId: t.id } },
        }),
      )
      await load()
    } catch (e) {
      replace(created, problem(e))
    }
  }

  async function issue() {
    try {
      const body: Schemas['CreateToken'] = {
        role: role.value as Role,
        ...(member.value.trim() ? { memberCode: member.value.trim() } : {}),
        ...(name.value.trim() ? { name: name.value.trim() } : {}),
        ...(expires.value.trim() ? { expires: expires.value.trim() } : {}),
      }
      const r = await unwrap(
        state.api.http.POST('/api/consortia/{cid}/tokens', {
          params: { path: { cid: Number(cid) } },
          body,
        }),
      )
      replace(
        created,
        h(
          'p',
          { role: 'status' },
          `トークン ${r.id} を発行しました（有効期限 ${jst(r.expiresAt)}）。この表示は一度きりです: `,
          h('code', { class: 'new-token' }, r.token),
        ),
      )
      await load()
    } catch (e) {
      replace(created, problem(e))
    }
  }

  void load()
  return () => undefined
}
