/** Roles per consortium and what each may do. */

/** admin = 事務局 (secretariat); member = a viewer limited to its own 団体 plus consortium totals */
export const ROLES = ['admin', 'editor', 'viewer', 'member'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s)

export interface RoleGrant {
  consortiumId: number
  role: Role
  /** 団体コード, for `member` only */
  memberCode?: string
}

/** The authenticated caller: a token's id and name (never the token itself) and its grants. */
export interface Principal {
  tokenId: number
  name: string
  roles: RoleGrant[]
}

/**
 * What an action needs:
 * - read: any role (a member sees a filtered view)
 * - readAll: every member's detail (viewer and up)
 * - write: create / edit / copy scenarios, upload traffic (editor and up)
 * - admin: delete scenarios, create tokens (admin only)
 */
export type Permission = 'read' | 'readAll' | 'write' | 'admin'

const ALLOWED: Record<Permission, readonly Role[]> = {
  read: ['admin', 'editor', 'viewer', 'member'],
  readAll: ['admin', 'editor', 'viewer'],
  write: ['admin', 'editor'],
  admin: ['admin'],
}

export const grantFor = (p: Principal, consortiumId: number): RoleGrant | undefined =>
  p.roles.find((r) => r.consortiumId === consortiumId)

export const allows = (grant: RoleGrant | undefined, permission: Permission): boolean =>
  grant !== undefined && ALLOWED[permission].includes(grant.role)
