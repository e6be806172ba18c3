/**
 * The HTTP API as the web sees it, typed end to end: every path, parameter, body and answer comes from
 * api-types.gen.ts, generated from the server's own OpenAPI document (/doc; `pnpm api-types`, a test keeps it
 * current). Calls go through openapi-fetch (`api.http.GET('/api/…', …)` + `unwrap`); errors become ApiError.
 */
import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type MethodResponse,
} from 'openapi-fetch'
import type { components, paths } from './api-types.gen'

/** The named schemas of /doc (components.schemas): `Schemas['Scenario']`, `Schemas['PlanSummary']`, … */
export type Schemas = components['schemas']

type Http = Client<paths>

/** The 2xx JSON body of `method path`, as declared by the route. */
export type ApiResult<
  M extends 'get' | 'post' | 'put' | 'delete',
  P extends ClientPathsWithMethod<Http, M>,
> = MethodResponse<Http, M, P>

export type ErrorDetail = Schemas['Error']['error']['details'][number]

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
  }
}

export type Consortium = Schemas['Consortium']
export type ScenarioSummary = Schemas['ScenarioSummary']
export type StoredScenario = Schemas['Scenario']
export type AuditEntry = Schemas['AuditEntry']
/** One imported 照会ログ (GET /api/scenarios/{id}/traffic/imports). */
export type TrafficImport = Schemas['TrafficImport']
export type UploadResult = ApiResult<'post', '/api/scenarios/{id}/traffic'>
/** A finding of `POST /api/network/check` (without ?explain). */
export type Finding = Schemas['NetworkFinding']

const TOKEN_KEY = 'warikan.token'

/** The data of an openapi-fetch answer, or an ApiError carrying the server's code, message and details. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call
  if (!response.ok) throw toApiError(response.status, error)
  return data as T
}

/** A stored id as the web holds it: a number from the API, or its text from a URL or a <select>. */
export type Id = number | string

/** An id as the API's paths take it (the stored ids are decimal integers). */
const num = (id: Id): number => Number(id)

export class ApiClient {
  /** The typed client of every route (openapi-fetch over api-types.gen.ts); the token is added to each call. */
  readonly http: Http

  constructor(
    private token: string | undefined,
    private readonly base = '',
  ) {
    this.http = createClient<paths>({ baseUrl: base })
    this.http.use({
      onRequest: ({ request }) => {
        if (this.token) request.headers.set('Authorization', `Bearer ${this.token}`)
        return request
      },
    })
  }

  get hasToken(): boolean {
    return Boolean(this.token)
  }

  setToken(token: string): void {
    this.token = token
    try {
      localStorage.setItem(TOKEN_KEY, token)
    } catch {
      /* private mode: keep it in memory */
    }
  }

  static storedToken(): string | undefined {
    try {
      return localStorage.getItem(TOKEN_KEY) ?? undefined
    } catch {
      return undefined
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}), ...extra }
  }

  /**
   * A JSON POST with upload progress (fetch has none, so XMLHttpRequest): cloud bills, whose CSV text travels
   * inside the JSON body. Typed like `http.POST`; rejects with ApiError (422 details carry file and line).
   */
  uploadBills(
    id: Id,
    body: Schemas['BillUpload'],
    onProgress: (loaded: number, total: number) => void,
  ): Promise<ApiResult<'post', '/api/scenarios/{id}/bills'>> {
    const text = JSON.stringify(body)
    return this.xhr(
      `/api/scenarios/${num(id)}/bills`,
      text,
      { 'Content-Type': 'application/json' },
      (e) => onProgress(e.loaded, e.lengthComputable ? e.total : text.length),
    )
  }

  /**
   * `POST /api/scenarios/{id}/traffic` with upload progress (XMLHttpRequest).
   * Resolves with the stored summary; rejects with ApiError (422 details carry line numbers).
   */
  uploadTraffic(
    id: Id,
    file: Blob,
    filename: string,
    onProgress: (loaded: number, total: number) => void,
    force = false,
    encoding?: 'utf-8' | 'shift_jis',
  ): Promise<UploadResult> {
    const query = new URLSearchParams()
    if (force) query.set('force', '1')
    if (encoding) query.set('encoding', encoding)
    const qs = query.toString() ? `?${query.toString()}` : ''
    return this.xhr(
      `/api/scenarios/${num(id)}/traffic${qs}`,
      file,
      { 'Content-Type': 'text/csv', 'X-Filename': encodeURIComponent(filename) },
      (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size),
    )
  }

  private xhr<T>(
    path: string,
    body: XMLHttpRequestBodyInit,
    headers: Record<string, string>,
    onProgress: (e: ProgressEvent) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `${this.base}${path}`)
      for (const [k, v] of Object.entries(this.headers(headers))) xhr.setRequestHeader(k, v)
      xhr.upload.onprogress = onProgress
      xhr.onload = () => {
        const json = xhr.responseText ? safeJson(xhr.responseText) : undefined
        if (xhr.status >= 200 && xhr.status < 300) resolve(json as T)
        else reject(toApiError(xhr.status, json))
      }
      xhr.onerror = () => reject(new ApiError(0, 'network', '通信に失敗しました (network error)'))
      xhr.send(body)
    })
  }

  /** `GET /api/demo/session` (only in `serve --demo`). */
  async demoSession(): Promise<string | undefined> {
    try {
      return (await unwrap(this.http.GET('/api/demo/session'))).token
    } catch {
      return undefined
    }
  }

  consortia = () => unwrap(this.http.GET('/api/consortia'))
  scenarios = (cid: Id) =>
    unwrap(this.http.GET('/api/consortia/{cid}/scenarios', { params: { path: { cid: num(cid) } } }))
  scenario = (id: Id) =>
    unwrap(this.http.GET('/api/scenarios/{id}', { params: { path: { id: num(id) } } }))
  saveScenario = (id: Id, version: number, document: Schemas['ScenarioDocument'], title?: string) =>
    unwrap(
      this.http.PUT('/api/scenarios/{id}', {
        params: { path: { id: num(id) } },
        body: { version, document, ...(title === undefined ? {} : { title }) },
      }),
    )
  deleteScenario = (id: Id) =>
    unwrap(this.http.DELETE('/api/scenarios/{id}', { params: { path: { id: num(id) } } }))
  /** `GET /api/scenarios/{id}/audit`, newest first */
  audit = (id: Id, limit = 1000) =>
    unwrap(
      this.http.GET('/api/scenarios/{id}/audit', {
        params: { path: { id: num(id) }, query: { limit } },
      }),
    )
  /** `POST /api/scenarios/{id}/fairness`: the report of an unsaved edit (with the stored traffic) */
  fairnessOf = (id: Id, document: Schemas['ScenarioDocument']) =>
    unwrap(
      this.http.POST('/api/scenarios/{id}/fairness', {
        params: { path: { id: num(id) } },
        body: document,
      }),
    )
  settle = (budgetId: Id, actualId: Id) =>
    unwrap(
      this.http.POST('/api/settle', {
        body: { budgetId: num(budgetId), actualId: num(actualId) },
      }),
    )
  copyScenario = (id: Id, title: string) =>
    unwrap(
      this.http.POST('/api/scenarios/{id}/copy', {
        params: { path: { id: num(id) } },
        body: { title },
      }),
    )
  allocation = (id: Id) =>
    unwrap(this.http.GET('/api/scenarios/{id}/allocation', { params: { path: { id: num(id) } } }))
  explanation = (id: Id, code: string) =>
    unwrap(
      this.http.GET('/api/scenarios/{id}/allocation/{code}/explanation', {
        params: { path: { id: num(id), code } },
      }),
    )
  traffic = (id: Id) =>
    unwrap(this.http.GET('/api/scenarios/{id}/traffic', { params: { path: { id: num(id) } } }))
  trafficImports = (id: Id) =>
    unwrap(
      this.http.GET('/api/scenarios/{id}/traffic/imports', { params: { path: { id: num(id) } } }),
    )
  removeTrafficImport = (id: Id, importId: number) =>
    unwrap(
      this.http.DELETE('/api/scenarios/{id}/traffic/imports/{importId}', {
        params: { path: { id: num(id), importId } },
      }),
    )
  fairness = (id: Id) =>
    unwrap(this.http.GET('/api/scenarios/{id}/fairness', { params: { path: { id: num(id) } } }))
  /** `GET /api/consortia/{cid}/sla-documents` */
  slaDocuments = (cid: Id) =>
    unwrap(
      this.http.GET('/api/consortia/{cid}/sla-documents', { params: { path: { cid: num(cid) } } }),
    )
  /** `GET /api/sla-documents/{id}/analysis`: the check, report or coverage of one stored document */
  slaAnalysis = (id: Id) =>
    unwrap(this.http.GET('/api/sla-documents/{id}/analysis', { params: { path: { id: num(id) } } }))
  /** `GET /api/consortia/{cid}/external-services`: the 外部サービス台帳 */
  externalServices = (cid: Id) =>
    unwrap(
      this.http.GET('/api/consortia/{cid}/external-services', {
        params: { path: { cid: num(cid) } },
      }),
    )
  /** `GET /api/consortia/{cid}/plans` */
  plans = (cid: Id) =>
    unwrap(this.http.GET('/api/consortia/{cid}/plans', { params: { path: { cid: num(cid) } } }))
  /** `GET /api/plans/{id}` */
  plan = (id: Id) => unwrap(this.http.GET('/api/plans/{id}', { params: { path: { id: num(id) } } }))
  networkCheck = (topology: Schemas['Topology']) =>
    unwrap(this.http.POST('/api/network/check', { body: topology }))
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function toApiError(status: number, json: unknown): ApiError {
  const err = (json as { error?: { code?: string; message?: string; details?: unknown } })?.error
  const details = Array.isArray(err?.details) ? (err.details as ErrorDetail[]) : []
  return new ApiError(
    status,
    err?.code ?? String(status),
    err?.message ?? (typeof json === 'string' && json ? json : `HTTP ${status}`),
    details,
  )
}
