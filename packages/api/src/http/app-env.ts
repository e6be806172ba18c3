/** Hono's per-request variables for this app. */
import type { Principal } from '../auth/roles'

export interface AppEnv {
  Variables: {
    principal: Principal
  }
}
