import { CLI_ACTOR } from '../../audit/audit.service'
import { createApiToken } from '../../auth/auth.service'
import { isRole, ROLES } from '../../auth/roles'
import { flag, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { withDatabase } from '../database'
import { CliError } from '../errors'

export const tokenCommand: CommandHandler = {
  usage:
    'warikan token create --consortium NAME|ID --role admin|editor|viewer|member [--member CODE] [--name TEXT] [--db FILE]',
  async run(argv, ctx) {
    const [sub, ...rest] = argv
    if (sub !== 'create') throw new CliError(`usage: ${this.usage}`, 2)
    const args = parseArgs(rest, { values: ['consortium', 'role', 'member', 'name', 'db'] })
    if (args.positional.length) throw new CliError(`usage: ${this.usage}`, 2)
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
        },
        CLI_ACTOR,
      ),
    )
    if (!result.ok) throw new CliError(`--${result.field}: ${result.message}`, 2)
    if (result.consortiumCreated)
      ctx.stderr(`協議会「${consortium}」を作成しました (id ${result.consortiumId})\n`)
    ctx.stderr(
      `トークン ${result.tokenId} (${role}) を発行しました。この表示は一度きりです — 安全に保管してください (shown once)\n`,
    )
    ctx.stdout(`${result.token}\n`)
    return 0
  },
}
