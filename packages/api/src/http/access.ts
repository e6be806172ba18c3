/** Role checks for routes: the caller's grant in a consortium, or 403. */
import type { Context } from 'hono'
import { allows, grantFor, type Permission, type RoleGrant } from '../auth/roles'
import { forbidden } from './api-error'
import type { AppEnv } from './app-env'

export function requireGrant(
  c: Context<AppEnv>,
  consortiumId: number,
  permission: Permission,
): RoleGrant {
  const grant = grantFor(c.get('principal'), consortiumId)
  if (!grant || !allows(grant, permission)) throw forbidden()
  return grant
}
