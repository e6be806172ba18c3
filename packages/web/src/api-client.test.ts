/** The typed client over a stub fetch: the token goes on every call, answers and errors come back as declared. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiClient, ApiError } from './api-client'

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

function stub(answer: (req: Request) => Response) {
  const seen: Request[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      seen.push(input)
      return answer(input)
    }),
  )
  return seen
}

afterEach(() => vi.unstubAllGlobals())

describe('ApiClient', () => {
  it('sends the bearer token and the typed path with its id, and returns the body', async () => {
    const seen = stub((req) =>
      new URL(req.url).pathname === '/api/consortia'
        ? json(200, [{ id: 3, name: '神奈川県町村情報システム共同事業組合' }])
        : json(200, []),
    )
    const api = new ApiClient('wk_secret', 'http://127.0.0.1:1')
    expect(await api.consortia()).toEqual([{ id: 3, name: '神奈川県町村情報システム共同事業組合' }])
    expect(await api.scenarios('7')).toEqual([])
    expect(seen.map((r) => r.headers.get('Authorization'))).toEqual([
      'Bearer wk_secret',
      'Bearer wk_secret',
    ])
    expect(new URL(seen[1]!.url).pathname).toBe('/api/consortia/7/scenarios')
  })

  it('turns a 422 into an ApiError with the field paths of the details', async () => {
    stub(() =>
      json(422, {
        error: {
          code: 'validation',
          message: '入力が正しくありません (validation failed)',
          details: [{ path: 'members.0.population', message: '0 以上の整数です' }],
        },
      }),
    )
    const api = new ApiClient('t', 'http://127.0.0.1:1')
    const e = await api.settle(1, 2).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({
      status: 422,
      code: 'validation',
      details: [{ path: 'members.0.population' }],
    })
  })

  it('a non-JSON error keeps its text; no token means no Authorization header', async () => {
    const seen = stub(() => new Response('upstream timeout', { status: 504 }))
    const api = new ApiClient(undefined, 'http://127.0.0.1:1')
    const e = (await api.consortia().catch((x: unknown) => x)) as ApiError
    expect([e.status, e.code, e.message]).toEqual([504, '504', 'upstream timeout'])
    expect(seen[0]!.headers.get('Authorization')).toBeNull()
  })
})
