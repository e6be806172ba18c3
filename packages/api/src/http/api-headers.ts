/**
 * The headers every API response carries: Hono's secureHeaders defaults plus no caching of API data.
 * The Node server writes them on the raw response before Hono runs (a plain header object keeps the node
 * adapter's fast path; 12 `c.header()` calls build an undici Headers object per request). An app used
 * without that server (`app.request` in tests, other runtimes) sets them in a middleware instead.
 */
/**
 * The Content-Security-Policy of every page (the web app, /doc, /reference): scripts, styles, fonts and
 * connections from this origin only — no inline script, no third-party origin, so no script but the app's
 * own can read the token the web view keeps in localStorage. Images may also be data:/blob: (chart exports).
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ')

/** API responses are data, never a document: nothing may load from them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'"

export const API_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['Content-Security-Policy', API_CSP],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  ['Cache-Control', 'no-store'],
]

export const isApiPath = (path: string): boolean => path.startsWith('/api/')
