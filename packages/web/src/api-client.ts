/** The HTTP API (docs: /doc, /reference) as typed functions. Errors become ApiError. */
import type {
  AllocationOutput,
  ScenarioInput,
  Settlement,
  ShareExplanation,
  TrafficPair,
} from '@warikan/core'
import type { Finding as CoreFinding } from '@warikan/core/network'

export interface ErrorDetail {
  path?: string
  line?: number
  file?: string
  field?: string
  message: string
}

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

export interface Consortium {
  id: number | string
  name: string
}
export interface ScenarioSummary {
  id: number | string
  title: string
  fiscalYear: number
  version: number
  members: number
  costs: number
  updatedAt: string
}
export interface StoredScenario {
  id: number | string
  consortiumId: number | string
  title: string
  version: number
  document: ScenarioInput
}
export interface AuditEntry {
  id: number
  at: string
  actor: string
  action: string
  target: string
  before: unknown
  after: unknown
}
export interface MonthlyTraffic {
  month: string
  queries: number
}
export interface TrafficResponse {
  rows: number
  pairs: TrafficPair[]
  monthly?: MonthlyTraffic[]
}
export interface UploadResult {
  rows: number
  file?: unknown
  summary?: unknown
}
/** One imported 照会ログ (GET /api/scenarios/:id/traffic/imports). */
export interface TrafficImport {
  id: number
  fileName: string
  rows: number
  encoding: string
  sha256: string
  recordsSha256: string | null
  periodFrom: string | null
  periodTo: string | null
  importedBy: string | null
  importedAt: string
}
/** A finding of `POST /api/network/check` (without ?explain): the core's, less the explanations. */
export type Finding = Pick<CoreFinding, 'rule' | 'severity' | 'message' | 'path'>

const TOKEN_KEY = 'warikan.token'

export class ApiClient {
  constructor(
    private token: string | undefined,
    private readonly base = '',
  ) {}

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

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await res.text()
    const json: unknown = text ? safeJson(text) : undefined
    if (!res.ok) throw toApiError(res.status, json)
    return json as T
  }

  /**
   * A JSON POST with upload progress (fetch has none, so XMLHttpRequest): used for cloud bills, whose CSV text
   * travels inside the JSON body. Rejects with ApiError (422 details carry file and line).
   */
  postJsonWithProgress<T>(
    path: string,
    body: unknown,
    onProgress: (loaded: number, total: number) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const text = JSON.stringify(body)
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `${this.base}${path}`)
      for (const [k, v] of Object.entries(this.headers({ 'Content-Type': 'application/json' })))
        xhr.setRequestHeader(k, v)
      xhr.upload.onprogress = (e) =>
        onProgress(e.loaded, e.lengthComputable ? e.total : text.length)
      xhr.onload = () => {
        const json = xhr.responseText ? safeJson(xhr.responseText) : undefined
        if (xhr.status >= 200 && xhr.status < 300) resolve(json as T)
        else reject(toApiError(xhr.status, json))
      }
      xhr.onerror = () => reject(new ApiError(0, 'network', '通信に失敗しました (network error)'))
      xhr.send(text)
    })
  }

  /** A raw request for files in and out: the token is added, the caller reads the Response. */
  raw(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method,
      headers: this.headers(init.headers),
      ...(init.body !== undefined ? { body: init.body } : {}),
    })
  }

  /** `GET /api/demo/session` (only in `serve --demo`). */
  async demoSession(): Promise<string | undefined> {
    try {
      const { token } = await this.request<{ token: string }>('GET', '/api/demo/session')
      return token
    } catch {
      return undefined
    }
  }

  me = () => this.request<{ name: string }>('GET', '/api/me')
  consortia = () => this.request<Consortium[]>('GET', '/api/consortia')
  scenarios = (cid: Consortium['id']) =>
    this.request<ScenarioSummary[]>('GET', `/api/consortia/${cid}/scenarios`)
  scenario = (id: ScenarioSummary['id']) =>
    this.request<StoredScenario>('GET', `/api/scenarios/${id}`)
  saveScenario = (id: ScenarioSummary['id'], version: number, document: unknown, title?: string) =>
    this.request<{ id: number; version: number }>('PUT', `/api/scenarios/${id}`, {
      version,
      document,
      ...(title === undefined ? {} : { title }),
    })
  deleteScenario = (id: ScenarioSummary['id']) =>
    this.request<{ id: number; deleted: true }>('DELETE', `/api/scenarios/${id}`)
  /** `GET /api/scenarios/:id/audit`, newest first */
  audit = (id: ScenarioSummary['id'], limit = 1000) =>
    this.request<AuditEntry[]>('GET', `/api/scenarios/${id}/audit?limit=${limit}`)
  /** `POST /api/scenarios/:id/fairness`: the report of an unsaved edit (with the stored traffic) */
  fairnessOf = (id: ScenarioSummary['id'], document: unknown) =>
    this.request<unknown>('POST', `/api/scenarios/${id}/fairness`, document)
  settle = (budgetId: ScenarioSummary['id'], actualId: ScenarioSummary['id']) =>
    this.request<Settlement>('POST', '/api/settle', {
      budgetId: Number(budgetId),
      actualId: Number(actualId),
    })
  copyScenario = (id: ScenarioSummary['id'], title: string) =>
    this.request<{ id: number; version: number }>('POST', `/api/scenarios/${id}/copy`, { title })
  allocation = (id: ScenarioSummary['id']) =>
    this.request<AllocationOutput>('GET', `/api/scenarios/${id}/allocation`)
  explanation = (id: ScenarioSummary['id'], code: string) =>
    this.request<{ code: string; explanations: ShareExplanation[] }>(
      'GET',
      `/api/scenarios/${id}/allocation/${code}/explanation`,
    )
  traffic = (id: ScenarioSummary['id']) =>
    this.request<TrafficResponse>('GET', `/api/scenarios/${id}/traffic`)
  trafficImports = (id: ScenarioSummary['id']) =>
    this.request<{ imports: TrafficImport[] }>('GET', `/api/scenarios/${id}/traffic/imports`)
  removeTrafficImport = (id: ScenarioSummary['id'], importId: number) =>
    this.request<{ removed: TrafficImport }>(
      'DELETE',
      `/api/scenarios/${id}/traffic/imports/${importId}`,
    )
  divergence = (id: ScenarioSummary['id']) =>
    this.request<unknown>('GET', `/api/scenarios/${id}/divergence`)
  fairness = (id: ScenarioSummary['id']) =>
    this.request<unknown>('GET', `/api/scenarios/${id}/fairness`)
  patterns = (id: ScenarioSummary['id']) =>
    this.request<unknown>('GET', `/api/scenarios/${id}/patterns`)
  networkCheck = (topology: unknown) =>
    this.request<{ findings: Finding[] }>('POST', '/api/network/check', topology)
  compare = (a: ScenarioSummary['id'], b: ScenarioSummary['id']) =>
    this.request<unknown>('GET', `/api/compare?a=${a}&b=${b}`)

  /**
   * `POST /api/scenarios/:id/traffic` with upload progress (fetch has none, so XMLHttpRequest).
   * Resolves with the stored summary; rejects with ApiError (422 details carry line numbers).
   */
  uploadTraffic(
    id: ScenarioSummary['id'],
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
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `${this.base}/api/scenarios/${id}/traffic${qs}`)
      for (const [k, v] of Object.entries(this.headers({ 'Content-Type': 'text/csv' })))
        xhr.setRequestHeader(k, v)
      xhr.setRequestHeader('X-Filename', encodeURIComponent(filename))
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size)
      xhr.onload = () => {
        const json = xhr.responseText ? safeJson(xhr.responseText) : undefined
        if (xhr.status >= 200 && xhr.status < 300) resolve(json as UploadResult)
        else reject(toApiError(xhr.status, json))
      }
      xhr.onerror = () => reject(new ApiError(0, 'network', '通信に失敗しました (network error)'))
      xhr.send(file)
    })
  }
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
