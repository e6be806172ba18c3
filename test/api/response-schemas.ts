/**
 * Checks an API response against the zod schema its route declares (the same schema the OpenAPI document at
 * /doc is generated from): the route is found in the app's OpenAPI registry by method and path, and a 2xx JSON
 * body must parse, with no key the schema does not know (zod would silently strip it).
 */
import type { createApp } from '../../packages/api/src/app'

type App = ReturnType<typeof createApp>

/** The part of a zod schema used here. */
interface Schema {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: unknown }
    | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }
}

interface RouteDefinition {
  method: string
  path: string
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

interface CompiledRoute {
  method: string
  path: string
  pattern: RegExp
  responses: RouteDefinition['responses']
}

const compiled = new WeakMap<object, CompiledRoute[]>()

function routesOf(app: App): CompiledRoute[] {
  let routes = compiled.get(app)
  if (!routes) {
    const definitions = app.openAPIRegistry.definitions as Array<{
      type: string
      route?: RouteDefinition
    }>
    routes = definitions
      .filter((d) => d.type === 'route' && d.route)
      .map(({ route }) => ({
        method: route!.method.toUpperCase(),
        path: route!.path,
        pattern: new RegExp(`^${route!.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        responses: route!.responses,
      }))
    compiled.set(app, routes)
  }
  return routes
}

const isZod = (s: unknown): s is Schema =>
  typeof s === 'object' && s !== null && typeof (s as Schema).safeParse === 'function'

/** Keys of `actual` that `parsed` lost (unknown to the schema), as paths. */
function strippedKeys(actual: unknown, parsed: unknown, at = ''): string[] {
  if (Array.isArray(actual) && Array.isArray(parsed))
    return actual.flatMap((v, i) => strippedKeys(v, parsed[i], `${at}[${i}]`))
  if (actual && typeof actual === 'object' && parsed && typeof parsed === 'object')
    return Object.keys(actual).flatMap((k) =>
      k in parsed
        ? strippedKeys(
            (actual as Record<string, unknown>)[k],
            (parsed as Record<string, unknown>)[k],
            `${at}.${k}`,
          )
        : [`${at}.${k}`],
    )
  return []
}

/**
 * undefined when the response is as declared (or not a 2xx JSON response of a declared route), else what is
 * wrong, naming the route.
 */
export function responseProblem(
  app: App,
  method: string,
  url: string,
  status: number,
  body: unknown,
  contentType: string | null,
): string | undefined {
  const path = url.split('?')[0]!
  if (!path.startsWith('/api/')) return undefined // /doc, /reference, the web app
  if (status < 200 || status > 299 || !contentType?.includes('application/json')) return undefined
  const route = routesOf(app).find((r) => r.method === method.toUpperCase() && r.pattern.test(path))
  if (!route)
    return `${method} ${path}: ${status} JSON from a route missing from the OpenAPI document`
  const declared = route.responses[String(status)]
  const schema = declared?.content?.['application/json']?.schema
  if (!declared) return `${method} ${route.path}: status ${status} is not declared`
  if (!isZod(schema)) return `${method} ${route.path} ${status}: no JSON schema declared`
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    return `${method} ${route.path} ${status}: ${parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
      .join('; ')}`
  const extra = strippedKeys(body, parsed.data)
  if (extra.length)
    return `${method} ${route.path} ${status}: keys not in the schema: ${extra.slice(0, 5).join(', ')}`
  return undefined
}
