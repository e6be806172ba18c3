import { CLI_ACTOR } from '../../audit/audit.service'
import { createApiToken, listApiTokens, revokeApiToken, tokenStatus } from '../../auth/auth.service'
import { isRole, ROLES } from '../../auth/roles'
import { flag, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { withDatabase } from '../database'
import { CliError } from '../errors'

const USAGE = [
  'warikan token create --consortium NAME|ID --role admin|editor|viewer|member [--member CODE] [--name TEXT] [--expires 90d|YYYY-MM-DD|never] [--db FILE]',
  'warikan token list [--consortium ID] [--format table|json] [--db FILE]',
  'warikan token revoke <token-id> [--db FILE]',
].join('\n       ')

const STATUS_JA = { active: '有効', expired: '期限切れ', revoked: '失効' } as const

export const tokenCommand: CommandHandler = {
  usage: USAGE,
  async run(argv, ctx) {
    const [sub, ...rest] = argv
    if (sub === 'list') {
      const args = parseArgs(rest, { values: ['consortium', 'format', 'db'] })
      if (args.positional.length) throw new CliError(`usage: ${USAGE}`, 2)
      const cid = flag(args, 'consortium')
      if (cid !== undefined && !/^[1-9]\d{0,9}$/.test(cid))
        throw new CliError(`--consortium ${cid}: 協議会 id (正の整数) です (invalid id)`, 2)
      const format = flag(args, 'format') ?? 'table'
      if (format !== 'table' && format !== 'json')
        throw new CliError(`--format は table | json です (got "${format}")`, 2)
      const tokens = await withDatabase(args, ctx, ({ db }) =>
        listApiTokens(db, cid === undefined ? undefined : Number(cid)),
      )
      const rows = tokens.map((t) => ({ ...t, status: tokenStatus(t) }))
      if (format === 'json') {
        ctx.stdout(JSON.stringify(rows, null, 2) + '\n')
        return 0
      }
      const lines = ['id\t状態\tロール\t名前\t作成\t有効期限']
      for (const t of rows)
        lines.push(
          [
            t.id,
            STATUS_JA[t.status] + (t.demo ? ' (デモ)' : ''),
            t.roles
              .map((r) => `${r.consortiumId}:${r.role}${r.memberCode ? `:${r.memberCode}` : ''}`)
              .join(','),
            t.name,
            t.createdAt,
            t.expiresAt ?? '無期限',
          ].join('\t'),
        )
      ctx.stdout(lines.join('\n') + '\n')
      return 0
    }
    if (sub === 'revoke') {
      const args = parseArgs(rest, { values: ['db'] })
      const [id, ...extra] = args.positional
      if (id === undefined || extra.length) throw new CliError(`usage: ${USAGE}`, 2)
      if (!/^[1-9]\d{0,9}$/.test(id))
        throw new CliError(`トークン id "${id}" は正の整数です (invalid token id)`, 2)
      const result = await withDatabase(args, ctx, ({ db }) =>
        revokeApiToken(db, Number(id), CLI_ACTOR),
      )
      if (!result.ok)
        throw new CliError(
          result.reason === 'not_found'
            ? `トークン ${id} はありません (no such token)`
            : result.reason === 'demo'
              ? `トークン ${id} はデモ用です。失効できません (the demo token cannot be revoked)`
              : `トークン ${id} は失効済みです (already revoked)`,
          result.reason === 'not_found' ? 1 : 2,
        )
      ctx.stderr(`トークン ${id} (${result.token.name}) を失効させました (revoked)\n`)
      return 0
    }
    if (sub !== 'create') throw new CliError(`usage: ${USAGE}`, 2)
    const args = parseArgs(rest, {
      values: ['consortium', 'role', 'member', 'name', 'db', 'expires'],
    })
    if (args.positional.length) throw new CliError(`usage: ${USAGE}`, 2)
    const consortium = flag(args, 'consortium')
    if (!consortium) throw new CliError('--consortium NAME|ID が必要です (missing --consortium)', 2)
    const role = flag(args, 'role')
    if (!role || !isRole(role))
      throw new CliError(`--role は ${ROLES.join(' | ')} のいずれかです (got "${role ?? ''}")`, 2)
    const result = await withDatabase(args, ctx, ({ db }) =>
      createApiToken(
        db,
        {
          consortium: /^\d+$/.test(consortium) ? Number(consortium) : consortium,
          role,
          memberCode: flag(args, 'member'),
          name: flag(args, 'name'),
          expires: flag(args, 'expires'),
        },
        CLI_ACTOR,
      ),
    )
    if (!result.ok) throw new CliError(`--${result.field}: ${result.message}`, 2)
    if (result.consortiumCreated)
      ctx.stderr(`協議会「${consortium}」を作成しました (id ${result.consortiumId})\n`)
    ctx.stderr(
      `トークン ${result.tokenId} (${role}, 有効期限 ${result.expiresAt ?? '無期限'}) を発行しました。この表示は一度きりです — 安全に保管してください (shown once)\n`,
    )
    ctx.stdout(`${result.token}\n`)
    return 0
  },
}
