/**
 * GENERATED from the API's OpenAPI document (/doc) by scripts/api-types.ts: do not edit.
 * Run `pnpm api-types` after changing a route's schema; a test fails while this file is stale.
 */
export interface paths {
  '/api/allocate': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** 保存しないシナリオを按分 (allocate an unsaved what-if document) */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ScenarioDocument']
        }
      }
      responses: {
        /** @description 按分結果 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Allocation']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/compare': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 二つのシナリオの比較 (compare two stored scenarios, per member in yen and %) */
    get: {
      parameters: {
        query: {
          /** @description 比較元 A */
          a: number
          /** @description 比較先 B */
          b: number
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 比較 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Comparison']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 見える協議会の一覧 (consortia this token can see) */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 協議会の一覧 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Consortium'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/audit': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 協議会の監査ログ、新しい順 (audit trail of a consortium) */
    get: {
      parameters: {
        query?: {
          /** @description この id より前 (paging backwards) */
          before?: number
          limit?: number
        }
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 監査ログ */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['AuditEntry'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/external-services': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 外部サービス台帳 (the register) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 台帳 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ExternalService'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /** 外部サービスの利用申請 (apply; editor+) */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ServiceEntry']
        }
      }
      responses: {
        /** @description 申請した */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              id: number
              version: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/external-services/export': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 台帳を CSV (BOM 付き) か xlsx で出力 (?format=csv|xlsx) */
    get: {
      parameters: {
        query?: {
          format?: 'csv' | 'xlsx'
        }
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 台帳ファイル */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string
            'text/csv': string
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/external-services/import': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** 既存の台帳を取り込む (CSV or xlsx; all-or-nothing; editor+) */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string
          'text/csv': string
        }
      }
      responses: {
        /** @description 取り込んだ */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              ids: number[]
              imported: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/plans': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 協議会の中期計画一覧 (plans of a consortium) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 計画一覧 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['PlanSummary'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * 中期計画を取り込む (import a plan file; editor+)
     * @description 本文は計画ファイル。各年度のシナリオまで検証し、正しくなければ何も保存しない (422)。consortium.name は URL の協議会名に置き換える。
     */
    post: {
      parameters: {
        query?: {
          title?: string
        }
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['PlanDocument']
        }
      }
      responses: {
        /** @description 作成した計画 */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioVersion']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/scenarios': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 協議会のシナリオ一覧 (scenarios of a consortium) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description シナリオ一覧 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioSummary'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * シナリオファイルを取り込む (import a scenario file; editor+)
     * @description 本文はシナリオファイル。consortium.name は URL の協議会名に置き換えて保存する。?title= で題名を指定できる。
     */
    post: {
      parameters: {
        query?: {
          title?: string
        }
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ScenarioDocument']
        }
      }
      responses: {
        /** @description 作成したシナリオ */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioVersion']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/sla-documents': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 保存した SLA・障害記録・継続性ファイル (stored SLA documents) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 一覧 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SlaDocumentSummary'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /** SLA・障害記録・継続性ファイルを保存 (store; editor+) */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['SlaDocumentCreate']
        }
      }
      responses: {
        /** @description 保存した */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              id: number
              version: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/tokens': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** この協議会のトークン一覧 (admin; never the tokens themselves) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description トークン一覧 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TokenInfo'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /** トークンを発行 (admin): 一度だけ表示 (create a token, shown once) */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['CreateToken']
        }
      }
      responses: {
        /** @description 発行したトークン */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['CreatedToken']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/consortia/{cid}/tokens/{tokenId}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /** トークンを失効させる (admin; revoke a token at once) */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          cid: number
          tokenId: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 失効したトークン */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TokenInfo']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 版の競合 (stale version) または重複 (duplicate) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/continuity/check': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** 障害パターン × 対策の確認と共同対策の按分 (failure patterns × countermeasures) */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ContinuityFile']
        }
      }
      responses: {
        /** @description 対策状況 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ContinuityReport']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/demo/session': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** デモ用の管理者トークン (demo mode only) */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description デモ用トークン */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['DemoSession']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/external-services/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 台帳の1件 (one service) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 1件 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ExternalService']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    /** 台帳の項目を変更 (edit; 409 on a stale version; editor+) */
    put: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': {
            entry: components['schemas']['ServiceEntry']
            version: number
          }
        }
      }
      responses: {
        /** @description 新しい版 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              id: number
              version: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 版の競合 (stale version) または重複 (duplicate) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/external-services/{id}/{action}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * 承認・却下・利用開始・利用終了 (lifecycle step)
     * @description 承認は確認結果に阻止項目があると 422。overrides: [{ rule, reason }] で理由を付けて例外承認できる。却下は reason、利用終了は report（date, plan, dataDisposal, accountsRemoved）が必要。
     */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          /** @description 承認 / 却下 (admin) · 利用開始 / 利用終了 (editor+) */
          action: 'approve' | 'refuse' | 'start' | 'end'
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ServiceTransition']
        }
      }
      responses: {
        /** @description 新しい状態 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              findings: {
                blocking: boolean
                message: string
                /** @enum {string} */
                rule: 'ismap' | 'checks' | 'location' | 'period' | 'review'
                source: string
              }[]
              id: number
              /** @enum {string} */
              status: 'applied' | 'approved' | 'refused' | 'inUse' | 'ended'
              version: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 版の競合 (stale version) または重複 (duplicate) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/me': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** このトークンの名前とロール (who am I) */
    get: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description トークンの名前とロール */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Me']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/network/check': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * ネットワーク構成の検査 (docs/formats/topology.md → findings)
     * @description 指摘は仕様どおり { rule, severity, message, path }。?explain=1 で explanation (説明)・source (根拠)・fix (対策) も返す。
     */
    post: {
      parameters: {
        query?: {
          /** @description 説明・根拠・対策 (explanation, source, fix) も返す */
          explain?: '0' | '1' | 'true' | 'false'
        }
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['Topology']
        }
      }
      responses: {
        /** @description 検査結果 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['NetworkFindings']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/plans/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 中期計画とその文書 (a plan with its document) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 計画 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Plan']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    /** 中期計画を更新 (update; 409 when the version is stale; editor+) */
    put: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['PlanUpdate']
        }
      }
      responses: {
        /** @description 新しい版 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioVersion']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 版の競合 (stale version) または重複 (duplicate) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    post?: never
    /** 中期計画を削除 (delete; admin only) */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 削除した */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              /** @enum {boolean} */
              deleted: true
              id: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/plans/{id}/allocation': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * 年度ごとの按分と期間の集計 (every year allocated, and the period summary)
     * @description 各年度を warikan allocate と同じエンジンで按分する。?rate=USD=160 で全年度の為替レートを置き換える。member ロールには自団体の行と合計だけを返す。
     */
    get: {
      parameters: {
        query?: {
          /** @description 為替レートの上書き (every year): USD=160 または USD=160,EUR=170 */
          rate?: string
        }
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 計画の按分 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['PlanAllocation']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/plans/{id}/years/{year}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 一年度をシナリオファイルとして (one fiscal year as a scenario file; viewer+) */
    get: {
      parameters: {
        query?: {
          /** @description 為替レートの上書き (every year): USD=160 または USD=160,EUR=170 */
          rate?: string
        }
        header?: never
        path: {
          id: number
          year: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description その年度のシナリオ */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioDocument']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/plans/{id}/years/{year}/scenario': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** 一年度を保存済みシナリオにする (save one year as a stored scenario, that year’s 予算; editor+) */
    post: {
      parameters: {
        query?: {
          /** @description 為替レートの上書き (every year): USD=160 または USD=160,EUR=170 */
          rate?: string
          title?: string
        }
        header?: never
        path: {
          id: number
          year: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 作成したシナリオ */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioVersion']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** シナリオとその文書 (a scenario with its document) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description シナリオ */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Scenario']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    /** シナリオを更新 (update; 409 when the version is stale; editor+) */
    put: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ScenarioUpdate']
        }
      }
      responses: {
        /** @description 新しい版 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioVersion']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 版の競合 (stale version) または重複 (duplicate) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    post?: never
    /** シナリオを削除 (delete; admin only) */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 削除した */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              /** @enum {boolean} */
              deleted: true
              id: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/allocation': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * 保存済みシナリオの按分 (allocation of a stored scenario, with its stored traffic)
     * @description member ロールには自団体の行と協議会の合計だけを返す。
     */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 按分結果 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Allocation']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/allocation/{code}/explanation': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 一団体の負担額の内訳 (why a member pays what it pays) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          code: string
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 費目ごとの説明 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Explanation']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/audit': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** シナリオの監査ログ、新しい順 (audit trail of a scenario, newest first) */
    get: {
      parameters: {
        query?: {
          /** @description この id より前 (paging backwards) */
          before?: number
          limit?: number
        }
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 監査ログ */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['AuditEntry'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/bills': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 取り込んだ請求明細の一覧 (stored bill imports, newest first) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 取り込みの一覧 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['BillImport'][]
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * クラウド請求明細 (FOCUS CSV) を費目にする (upload FOCUS bills with a map; editor+)
     * @description files[].text は FOCUS 1.x の CSV 本文。1 行でも不正なら何も保存しない (422, details に file と line)。結果の費目と照合表を保存し、監査ログに記録する。
     */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['BillUpload']
        }
      }
      responses: {
        /** @description 保存した取り込み */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['BillImport']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/copy': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** What-if 用にコピー (copy as a what-if; editor+) */
    post: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: {
        content: {
          'application/json': components['schemas']['ScenarioCopy']
        }
      }
      responses: {
        /** @description コピーしたシナリオ */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['ScenarioVersion']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/divergence': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 人口割と利用実績割の乖離 (population vs traffic share per member) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 乖離 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Divergence']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/fairness': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 公平性の検証 (fairness: targets, α interval, Shapley value and core) */
    get: {
      parameters: {
        query?: {
          /** @description α を解く2つの按分方法 (two drivers, first gets weight α). 省略時: 2つだけを組み合わせた費目の金額が最も大きい組 (均等割を先に); `none` で省略 */
          alpha?: string
          /** @description シャープレイ値の標本抽出とコア探索の乱数の種 (default 1) */
          seed?: number | null
        }
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 公平性レポート */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Fairness']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * 編集中の文書の公平性 (fairness of an unsaved edit of this scenario, with its stored traffic)
     * @description 本文はシナリオファイル（保存しない）。照会ログはこのシナリオに取り込み済みのものを使う。応答は GET と同じ形。
     */
    post: {
      parameters: {
        query?: {
          /** @description α を解く2つの按分方法 (two drivers, first gets weight α). 省略時: 2つだけを組み合わせた費目の金額が最も大きい組 (均等割を先に); `none` で省略 */
          alpha?: string
          /** @description シャープレイ値の標本抽出とコア探索の乱数の種 (default 1) */
          seed?: number | null
        }
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['ScenarioDocument']
        }
      }
      responses: {
        /** @description 公平性レポート */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Fairness']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/patterns': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 共同利用形態の比較 (compare deployment patterns; `warikan patterns --format json`) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description パターン比較 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Patterns']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/traffic': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 保存済み照会ログの集計 (stored traffic aggregate; member: pairs involving itself) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 集計 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Traffic']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    /**
     * 照会ログ CSV を取り込む (upload a traffic log; raw text/csv body, streamed; editor+)
     * @description Content-Type: text/csv、X-Filename ヘッダーでファイル名。本文はまず一時ファイルに受け取り (上限: WARIKAN_UPLOAD_LIMIT_BYTES, WARIKAN_UPLOAD_TIMEOUT_MS)、全行を検査してから 1 回の短いトランザクションで保存する。1 行でも不正ならファイル全体を取り込まない (422, details に line)。同じ行のログは 409 (?force=1 で置き換え)。同時に受け付ける数を超えると 503 (Retry-After)。
     */
    post: {
      parameters: {
        query?: {
          /** @description 文字コードを指定 (utf-8 / shift_jis)。省略時は自動判定 */
          encoding?:
            | 'utf-8'
            | 'utf8'
            | 'utf-8-bom'
            | 'shift_jis'
            | 'shift-jis'
            | 'sjis'
            | 'cp932'
            | 'windows-31j'
            | 'ms932'
          /** @description 同じ行のファイルでも取り込む (以前の取込を置き換える) */
          force?: '0' | '1' | 'true' | 'false'
        }
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'text/csv': string
        }
      }
      responses: {
        /** @description 取り込んだ行数と集計 */
        201: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['TrafficUpload']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 本文が時間内に届かなかった (nothing stored) */
        408: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 版の競合 (stale version) または重複 (duplicate) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 本文が上限を超えた (nothing stored) */
        413: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ほかの取込を処理中 (Retry-After 秒後に再送) */
        503: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/traffic/imports': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 取り込んだ照会ログの一覧 (imports: file, rows, period, sha256, who, when) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 取込の一覧 (古い順) */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              imports: components['schemas']['TrafficImport'][]
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/scenarios/{id}/traffic/imports/{importId}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /** 取込を 1 件取り消す (remove one import, audited; editor+) */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
          importId: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 取り消した取込 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              removed: components['schemas']['TrafficImport']
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/settle': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** 予算と決算の精算 (settle a budget scenario against an actual one) */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['SettleRequest']
        }
      }
      responses: {
        /** @description 精算 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Settlement']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/sla-documents/{id}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 保存したファイル (a stored document) */
    get: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description ファイル */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SlaDocument']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    /** ファイルを更新 (update; 409 on a stale version; editor+) */
    put: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['SlaDocumentUpdate']
        }
      }
      responses: {
        /** @description 新しい版 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              id: number
              version: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 版の競合 (stale version) または重複 (duplicate) */
        409: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    post?: never
    /** ファイルを削除 (delete; admin only) */
    delete: {
      parameters: {
        query?: never
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 削除した */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': {
              /** @enum {boolean} */
              deleted: true
              id: number
            }
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/sla-documents/{id}/analysis': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /** 保存したファイルの判定・稼働率・対策状況 (check / report / coverage of a stored document) */
    get: {
      parameters: {
        query?: {
          /** @description YYYY-MM (繰り返し可) */
          month?: string | string[]
        }
        header?: never
        path: {
          id: number
        }
        cookie?: never
      }
      requestBody?: never
      responses: {
        /** @description 結果 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SlaDocumentAnalysis']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 見つからない (not found) */
        404: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/sla/check': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** SLA のグレードを表2-13 の推奨と比べる (check agreed SLA grades) */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['SlaFile']
        }
      }
      responses: {
        /** @description 項目ごとの判定 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SlaGradeCheck']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/api/sla/report': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /** 障害記録から稼働率と減額を求める (availability and credits from an incident log) */
    post: {
      parameters: {
        query?: never
        header?: never
        path?: never
        cookie?: never
      }
      requestBody: {
        content: {
          'application/json': components['schemas']['SlaReportRequest']
        }
      }
      responses: {
        /** @description 月 × サービスの稼働率 */
        200: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['SlaReport']
          }
        }
        /** @description トークンがない、または無効 (missing or invalid token) */
        401: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description ロールが許可しない操作 (role does not allow this) */
        403: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description 入力が正しくない (validation failed; details carry field paths) */
        422: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
        /** @description レート制限 (rate limited) */
        429: {
          headers: {
            [name: string]: unknown
          }
          content: {
            'application/json': components['schemas']['Error']
          }
        }
      }
    }
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    /** @description warikan allocate --format json の出力 (docs/formats/scenario.md) */
    Allocation: {
      costs: {
        allocated: number
        amount: number
        deductions?: number
        id: string
      }[]
      members: components['schemas']['MemberAllocation'][]
      total: number
    }
    AuditEntry: {
      /** @example scenario.update */
      action: string
      /** @description トークン名 */
      actor: string
      after?: unknown
      at: string
      before?: unknown
      consortiumId: number | null
      id: number
      scenarioId: number | null
      /** @example scenario:1 */
      target: string
      /** @description トークンの id (トークン自体は記録しない) */
      tokenId: number | null
    }
    /** @description 請求から作った費目 (シナリオの costs[] と同じ形) */
    BillCostItem: {
      amount: number
      deductions?: {
        amount: number
        name: string
      }[]
      id: string
      members?: string[]
      name: string
      parts?: {
        members?: string[]
        name?: string
        rounding?: {
          adjuster?: string
          /** @enum {string} */
          method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
          perPart?: boolean
          priceDecimals?: number
          /** @enum {number} */
          unit?: 1 | 10 | 100 | 1000 | 10000
        }
        rule: {
          equal?:
            | (number | string)
            | {
                classes: {
                  [key: string]: number | string
                }
                weight: number | string
              }
          fixed?: {
            [key: string]: number | string
          }
          metric?:
            | {
                name: string
                weight: number | string
              }
            | {
                name: string
                weight: number | string
              }[]
          population?: number | string
          scaledPopulation?: {
            exponent: number
            weight: number | string
          }
          traffic?: number | string
        }
        weight: number | string
      }[]
      rounding?: {
        adjuster?: string
        /** @enum {string} */
        method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
        perPart?: boolean
        priceDecimals?: number
        /** @enum {number} */
        unit?: 1 | 10 | 100 | 1000 | 10000
      }
      rule?: {
        equal?:
          | (number | string)
          | {
              classes: {
                [key: string]: number | string
              }
              weight: number | string
            }
        fixed?: {
          [key: string]: number | string
        }
        metric?:
          | {
              name: string
              weight: number | string
            }
          | {
              name: string
              weight: number | string
            }[]
        population?: number | string
        scaledPopulation?: {
          exponent: number
          weight: number | string
        }
        traffic?: number | string
      }
      traffic?: {
        /**
         * @default split
         * @enum {string}
         */
        basis?: 'requester' | 'provider' | 'split'
        /**
         * @default queries
         * @enum {string}
         */
        unit?: 'queries' | 'records'
      }
    }
    BillImport: {
      costs: components['schemas']['BillCostItem'][]
      direct: number
      files: string[]
      id: number
      importedAt: string
      map: components['schemas']['BillMap']
      rates: {
        [key: string]: string
      }
      reconciliation: components['schemas']['BillReconciliation']
      rows: number
      scenarioId: number
      shared: number
      total: number
    }
    /** @description 対応表 (docs/bills.md): タグ → 費目・按分ルール */
    BillMap: {
      $schema?: string
      costs: {
        [key: string]: {
          members?: string[]
          name: string
          parts?: {
            [key: string]: unknown
          }[]
          rounding?: {
            [key: string]: unknown
          }
          rule?: {
            [key: string]: unknown
          }
        }
      }
      costTag?: string
      defaultCost: string
      description?: string
      filters?: {
        billingPeriod?: {
          from?: string
          to?: string
        }
        chargeCategories?: string[]
      }
      memberTag?: string
      subAccounts?: {
        [key: string]: string
      }
    }
    BillReconciliation: {
      chargeCategories: {
        billed: {
          [key: string]: string
        }
        category: string
        exactYen: string
        rows: number
      }[]
      check: {
        /**
         * @description 費目ごとに ½ 円
         * @example 12345.67
         */
        bound: string
        /**
         * @description itemsYen − rowsExactYen
         * @example 12345.67
         */
        difference: string
        itemsYen: number
        ok: boolean
        /**
         * @description Σ 行の BilledCost × rate (円、正確な値)
         * @example 12345.67
         */
        rowsExactYen: string
      }
      currencies: {
        billed: string
        currency: string
        exactYen: string
        rate: string
        rows: number
      }[]
      direct: number
      files: {
        file: string
        rows: number
        skipped: number
        used: number
      }[]
      items: {
        /** @description 費目の金額: exactYen を四捨五入 (1 回だけ) */
        amount: number
        /**
         * @description Σ BilledCost (請求通貨、正確な値)
         * @example 12345.67
         */
        billed: string
        costId: string
        currency: string
        /**
         * @description Σ BilledCost × rate (円、正確な値)
         * @example 12345.67
         */
        exactYen: string
        id: string
        /** @enum {string} */
        kind: 'direct' | 'shared'
        member?: string
        /**
         * @description 為替レート
         * @example 12345.67
         */
        rate: string
        /**
         * @description amount − exactYen
         * @example 12345.67
         */
        rounding: string
        rows: number
      }[]
      members: {
        code: string
        direct: number
      }[]
      shared: number
      total: number
    }
    BillUpload: {
      files: {
        name: string
        text: string
      }[]
      map: components['schemas']['BillMap']
      /**
       * @example {
       *       "USD": "151.37"
       *     }
       */
      rates?: {
        [key: string]: string | number
      }
    }
    /** @description null: the scenario has no coalitionModel */
    CoalitionGame: {
      components: {
        id: string
        kind: string
        /** @enum {string} */
        method: 'closedForm' | 'exact' | 'sampled'
      }[]
      core: {
        scenario: components['schemas']['CoreCheck']
        shapley: components['schemas']['CoreCheck']
      }
      /** @description c(N), exact */
      grandCost: string
      members: components['schemas']['ShapleyMember'][]
      roundedGrandCost: number
      sampled: {
        groups: number
        permutations: number
        seed: number
      } | null
    } | null
    ComparedScenario: {
      id: number
      title: string
      version: number
    }
    /** @description warikan compare --format json, with the two scenarios named */
    Comparison: {
      a: components['schemas']['ComparedScenario']
      b: components['schemas']['ComparedScenario']
      /** @description B が A の全団体と新たな団体を含むとき: 既存団体ごとの負担減 */
      joinEffect?: components['schemas']['JoinEffectRow'][]
      rows: components['schemas']['DiffRow'][]
      totalAfter: number
      totalBefore: number
      totalDiff: number
    }
    Consortium: {
      id: number
      /** @example 神奈川県町村情報システム共同事業組合 */
      name: string
    }
    /** @description 継続性ファイル (docs/sla.md): 障害パターン × 対策、共同対策の費用 */
    ContinuityFile: {
      consortium: {
        fiscalYear: number
        name: string
      }
      /** @default [] */
      consortiumCountermeasures?: (
        | 'line-multiplexing'
        | 'spare-equipment'
        | 'backup-server'
        | 'data-backup'
        | 'emergency-power'
        | 'cloud-redundancy-sla'
      )[]
      /** @default {} */
      countermeasureCosts?: {
        [key: string]: number
      }
      members: {
        code: string
        costs?: {
          [key: string]: number
        }
        /** @default [] */
        countermeasures?: (
          | 'line-multiplexing'
          | 'spare-equipment'
          | 'backup-server'
          | 'data-backup'
          | 'emergency-power'
          | 'cloud-redundancy-sla'
        )[]
        name: string
        population: number
      }[]
      /** @default [] */
      shared?: {
        amount: number
        deductions?: {
          amount: number
          name: string
        }[]
        id: string
        members?: string[]
        name: string
        parts?: {
          members?: string[]
          name?: string
          rounding?: {
            adjuster?: string
            /** @enum {string} */
            method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
            perPart?: boolean
            priceDecimals?: number
            /** @enum {number} */
            unit?: 1 | 10 | 100 | 1000 | 10000
          }
          rule: {
            equal?:
              | (number | string)
              | {
                  classes: {
                    [key: string]: number | string
                  }
                  weight: number | string
                }
            fixed?: {
              [key: string]: number | string
            }
            metric?:
              | {
                  name: string
                  weight: number | string
                }
              | {
                  name: string
                  weight: number | string
                }[]
            population?: number | string
            scaledPopulation?: {
              exponent: number
              weight: number | string
            }
            traffic?: number | string
          }
          weight: number | string
        }[]
        rounding?: {
          adjuster?: string
          /** @enum {string} */
          method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
          perPart?: boolean
          priceDecimals?: number
          /** @enum {number} */
          unit?: 1 | 10 | 100 | 1000 | 10000
        }
        rule?: {
          equal?:
            | (number | string)
            | {
                classes: {
                  [key: string]: number | string
                }
                weight: number | string
              }
          fixed?: {
            [key: string]: number | string
          }
          metric?:
            | {
                name: string
                weight: number | string
              }
            | {
                name: string
                weight: number | string
              }[]
          population?: number | string
          scaledPopulation?: {
            exponent: number
            weight: number | string
          }
          traffic?: number | string
        }
        traffic?: {
          /**
           * @default split
           * @enum {string}
           */
          basis?: 'requester' | 'provider' | 'split'
          /**
           * @default queries
           * @enum {string}
           */
          unit?: 'queries' | 'records'
        }
      }[]
      /** @enum {number} */
      version: 1
    }
    ContinuityReport: {
      countermeasures: {
        /** @enum {string} */
        id:
          | 'line-multiplexing'
          | 'spare-equipment'
          | 'backup-server'
          | 'data-backup'
          | 'emergency-power'
          | 'cloud-redundancy-sla'
        name: string
      }[]
      matrix: {
        marks: boolean[]
        name: string
        no: number
      }[]
      members: {
        closeGaps?: {
          cost: number
          countermeasures: (
            | 'line-multiplexing'
            | 'spare-equipment'
            | 'backup-server'
            | 'data-backup'
            | 'emergency-power'
            | 'cloud-redundancy-sla'
          )[]
        }
        code: string
        countermeasures: (
          | 'line-multiplexing'
          | 'spare-equipment'
          | 'backup-server'
          | 'data-backup'
          | 'emergency-power'
          | 'cloud-redundancy-sla'
        )[]
        covered: number[]
        name: string
        uncovered: number[]
      }[]
      shared?: {
        costs: {
          allocated: number
          amount: number
          id: string
        }[]
        members: {
          code: string
          meetsTarget?: boolean
          name: string
          savingsRate?: number
          shares: {
            [key: string]: number
          }
          standaloneCost?: number
          total: number
        }[]
        total: number
      }
    }
    CoreCheck: {
      efficiencyGap: string
      effort: {
        coalitionsEvaluated: number
        exactRechecks?: number
        greedySteps?: number
        starts?: number
      }
      /** @enum {string} */
      method: 'exact' | 'search'
      /** @enum {string} */
      verdict: 'inCore' | 'notInCore' | 'noViolationFound'
      worst: {
        cost: string
        excess: string
        members: string[]
        pays: string
      } | null
    }
    CreatedToken: {
      /** @description 有効期限 (ISO)。null = 無期限 */
      expiresAt: string | null
      id: number
      /** @description 一度だけ表示されます (shown once; stored hashed) */
      token: string
    }
    CreateToken: {
      /**
       * @description 有効期限: 日数 (90d)、日付 (2027-03-31、その日の終わりまで)、ISO 時刻、または never。既定 90 日
       * @example 90d
       */
      expires?: string
      memberCode?: string
      name?: string
      role: components['schemas']['Role']
    }
    DemoSession: {
      token: string
    }
    DiffRow: {
      /** @description B の負担額 (absent: leaves in B) */
      after?: number
      /** @description A の負担額 (absent: joins in B) */
      before?: number
      code: string
      /** @description after − before (円; a missing side counts as 0) */
      diff: number
      name: string
      /** @description diff / before (null when before is 0 or absent) */
      percent: number | null
    }
    Divergence: {
      amount: number
      costs: {
        amount: number
        id: string
        name: string
        /** @enum {string} */
        unit: 'queries' | 'records'
      }[]
      members: {
        bases: {
          provider: {
            /** @description 負担額 − 人口割の負担額 (yen) */
            difference: number
            /** @description 差 ÷ 人口割の負担額; 人口割が 0 なら null */
            differenceRate: number | null
            /** @description この基準での負担額 (yen) */
            share: number
          }
          requester: {
            /** @description 負担額 − 人口割の負担額 (yen) */
            difference: number
            /** @description 差 ÷ 人口割の負担額; 人口割が 0 なら null */
            differenceRate: number | null
            /** @description この基準での負担額 (yen) */
            share: number
          }
          split: {
            /** @description 負担額 − 人口割の負担額 (yen) */
            difference: number
            /** @description 差 ÷ 人口割の負担額; 人口割が 0 なら null */
            differenceRate: number | null
            /** @description この基準での負担額 (yen) */
            share: number
          }
        }
        code: string
        largestGap: number
        name: string
        population: number
        populationShare: number
      }[]
    }
    Error: {
      error: {
        /** @example validation */
        code: string
        details: {
          /** @example population */
          field?: string
          file?: string
          line?: number
          message: string
          /** @example body.members.3.population */
          path?: string
        }[]
        message: string
      }
    }
    Explanation: {
      /** @description 調整額 (精算額・加算・減算) と理由。調整のある団体だけ */
      adjustments?: {
        amount: number
        reason?: string
      }[]
      code: string
      explanations: components['schemas']['ShareExplanation'][]
    }
    ExternalService: {
      /** @description 機密性2以上 */
      confidential: boolean
      consortiumId: number
      createdAt: string
      decision: components['schemas']['ServiceDecision']
      endReport: components['schemas']['ServiceEndReport']
      entry: components['schemas']['StoredServiceEntry']
      findings: {
        blocking: boolean
        message: string
        /** @enum {string} */
        rule: 'ismap' | 'checks' | 'location' | 'period' | 'review'
        source: string
      }[]
      id: number
      /** @description 行政運営影響度 = 機密性 × 住民影響 × 精神的苦痛 × 経済的損失 */
      impact: number
      /** @enum {string} */
      impactBand: '大' | '中' | '少'
      /** @enum {string} */
      status: 'applied' | 'approved' | 'refused' | 'inUse' | 'ended'
      updatedAt: string
      version: number
    }
    /** @description warikan fairness --format json (docs/fairness.md) */
    Fairness: {
      adjustment: components['schemas']['FairnessAdjustment']
      alpha: components['schemas']['FairnessAlpha']
      coalitionModel: components['schemas']['CoalitionGame']
      /** @description 協議会資料に貼れる要約 (plain Japanese) */
      summary: string
      targets: components['schemas']['FairnessTargets']
    }
    FairnessAdjustment: {
      /** @enum {string} */
      kind: 'notNeeded' | 'adjusted' | 'infeasible'
      members?: {
        adjustment: number
        after: number
        before: number
        code: string
      }[]
      shortfall?: number
      slack?: number
      transferred?: number
    } | null
    FairnessAlpha: {
      /** @description true: the drivers were chosen by the API */
      auto?: boolean
      binding?: string[]
      checkedOn: string
      costIds: string[]
      current?: {
        [key: string]: string
      }
      drivers: string[]
      hi?: string
      hiDecimal?: number
      /** @enum {string} */
      kind: 'interval' | 'none'
      lo?: string
      loDecimal?: number
      lowerBinding?: string | null
      reason?: string
      safeForRoundedYen?: {
        hi: string
        lo: string
      } | null
      upperBinding?: string | null
    } | null
    FairnessTargetMember: {
      /** @description 目標を満たす負担額の上限 floor((1−r)·単独導入) */
      cap?: number
      code: string
      meetsTarget?: boolean
      name: string
      savingsRate?: number
      shortfall?: number
      slack?: number
      standaloneCost?: number
      /** @description 現行の按分の負担額 (円) */
      total: number
    }
    /** @description null: no target.minSavingsRate */
    FairnessTargets: {
      members: components['schemas']['FairnessTargetMember'][]
      /** @example 1/5 */
      minSavingsRate: string
      /** @description 目標に届かない団体コード */
      missing: string[]
      totalShortfall: number
      totalSlack: number
    } | null
    JoinEffectRow: {
      after: number
      before: number
      code: string
      name: string
      /** @description before − after (割り勘効果) */
      saving: number
      savingRate: number | null
    }
    Me: {
      name: string
      roles: {
        consortiumId: number
        memberCode?: string
        role: components['schemas']['Role']
      }[]
    }
    MemberAllocation: {
      /** @description 調整額 (精算額など) の合計 (円)。調整のある団体だけ */
      adjustments?: number
      /** @example 143014 */
      code: string
      meetsTarget?: boolean
      /** @example 葉山町 */
      name: string
      savingsRate?: number
      /** @description 費目 id → 負担額 (円) */
      shares: {
        [key: string]: number
      }
      standaloneCost?: number
      /** @description 負担金合計 (円) */
      total: number
    }
    MemberSettlement: {
      /** @description 決算での負担額 (調整額を除く) */
      actual: number
      /** @description 予算での負担額 (調整額を除く) */
      budget: number
      code: string
      /** @description 両ファイルの全費目 (一方にない費目は 0) */
      costs: {
        [key: string]: components['schemas']['SettlementAmounts']
      }
      name: string
      /** @description 精算額 = actual − budget (正: 追加負担、負: 還付) */
      settlement: number
    }
    NetworkFinding: {
      explanation?: string
      fix?: string
      message: string
      /**
       * @example [
       *       "dc-chukan",
       *       "jlis"
       *     ]
       */
      path: string[]
      /**
       * @example NET-001
       * @enum {string}
       */
      rule: 'NET-001' | 'NET-002' | 'NET-003' | 'NET-004' | 'NET-005' | 'NET-006'
      /** @enum {string} */
      severity: 'error' | 'warning' | 'info'
      source?: string
    }
    NetworkFindings: {
      findings: components['schemas']['NetworkFinding'][]
    }
    Patterns: {
      allocation: {
        /** @enum {string} */
        basis: 'load' | 'population' | 'equal'
        costs: {
          1: {
            amount: number
            deductions?: {
              amount: number
              name: string
            }[]
            id: string
            members?: string[]
            name: string
            parts?: {
              members?: string[]
              name?: string
              rounding?: {
                adjuster?: string
                /** @enum {string} */
                method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
                perPart?: boolean
                priceDecimals?: number
                /** @enum {number} */
                unit?: 1
              }
              rule: {
                equal?:
                  | number
                  | string
                  | {
                      classes: {
                        [key: string]: number | string
                      }
                      weight: number | string
                    }
                fixed?: {
                  [key: string]: number | string
                }
                metric?:
                  | {
                      name: string
                      weight: number | string
                    }
                  | {
                      name: string
                      weight: number | string
                    }[]
                population?: number | string
                scaledPopulation?: {
                  exponent: number
                  weight: number | string
                }
                traffic?: number | string
              }
              weight: number | string
            }[]
            rounding?: {
              adjuster?: string
              /** @enum {string} */
              method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
              perPart?: boolean
              priceDecimals?: number
              /** @enum {number} */
              unit?: 1
            }
            rule?: {
              equal?:
                | number
                | string
                | {
                    classes: {
                      [key: string]: number | string
                    }
                    weight: number | string
                  }
              fixed?: {
                [key: string]: number | string
              }
              metric?:
                | {
                    name: string
                    weight: number | string
                  }
                | {
                    name: string
                    weight: number | string
                  }[]
              population?: number | string
              scaledPopulation?: {
                exponent: number
                weight: number | string
              }
              traffic?: number | string
            }
            traffic?: {
              /**
               * @default split
               * @enum {string}
               */
              basis?: 'requester' | 'provider' | 'split'
              /**
               * @default queries
               * @enum {string}
               */
              unit?: 'queries' | 'records'
            }
          }[]
          2: {
            amount: number
            deductions?: {
              amount: number
              name: string
            }[]
            id: string
            members?: string[]
            name: string
            parts?: {
              members?: string[]
              name?: string
              rounding?: {
                adjuster?: string
                /** @enum {string} */
                method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
                perPart?: boolean
                priceDecimals?: number
                /** @enum {number} */
                unit?: 1
              }
              rule: {
                equal?:
                  | number
                  | string
                  | {
                      classes: {
                        [key: string]: number | string
                      }
                      weight: number | string
                    }
                fixed?: {
                  [key: string]: number | string
                }
                metric?:
                  | {
                      name: string
                      weight: number | string
                    }
                  | {
                      name: string
                      weight: number | string
                    }[]
                population?: number | string
                scaledPopulation?: {
                  exponent: number
                  weight: number | string
                }
                traffic?: number | string
              }
              weight: number | string
            }[]
            rounding?: {
              adjuster?: string
              /** @enum {string} */
              method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
              perPart?: boolean
              priceDecimals?: number
              /** @enum {number} */
              unit?: 1
            }
            rule?: {
              equal?:
                | number
                | string
                | {
                    classes: {
                      [key: string]: number | string
                    }
                    weight: number | string
                  }
              fixed?: {
                [key: string]: number | string
              }
              metric?:
                | {
                    name: string
                    weight: number | string
                  }
                | {
                    name: string
                    weight: number | string
                  }[]
              population?: number | string
              scaledPopulation?: {
                exponent: number
                weight: number | string
              }
              traffic?: number | string
            }
            traffic?: {
              /**
               * @default split
               * @enum {string}
               */
              basis?: 'requester' | 'provider' | 'split'
              /**
               * @default queries
               * @enum {string}
               */
              unit?: 'queries' | 'records'
            }
          }[]
          3: {
            amount: number
            deductions?: {
              amount: number
              name: string
            }[]
            id: string
            members?: string[]
            name: string
            parts?: {
              members?: string[]
              name?: string
              rounding?: {
                adjuster?: string
                /** @enum {string} */
                method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
                perPart?: boolean
                priceDecimals?: number
                /** @enum {number} */
                unit?: 1
              }
              rule: {
                equal?:
                  | number
                  | string
                  | {
                      classes: {
                        [key: string]: number | string
                      }
                      weight: number | string
                    }
                fixed?: {
                  [key: string]: number | string
                }
                metric?:
                  | {
                      name: string
                      weight: number | string
                    }
                  | {
                      name: string
                      weight: number | string
                    }[]
                population?: number | string
                scaledPopulation?: {
                  exponent: number
                  weight: number | string
                }
                traffic?: number | string
              }
              weight: number | string
            }[]
            rounding?: {
              adjuster?: string
              /** @enum {string} */
              method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
              perPart?: boolean
              priceDecimals?: number
              /** @enum {number} */
              unit?: 1
            }
            rule?: {
              equal?:
                | number
                | string
                | {
                    classes: {
                      [key: string]: number | string
                    }
                    weight: number | string
                  }
              fixed?: {
                [key: string]: number | string
              }
              metric?:
                | {
                    name: string
                    weight: number | string
                  }
                | {
                    name: string
                    weight: number | string
                  }[]
              population?: number | string
              scaledPopulation?: {
                exponent: number
                weight: number | string
              }
              traffic?: number | string
            }
            traffic?: {
              /**
               * @default split
               * @enum {string}
               */
              basis?: 'requester' | 'provider' | 'split'
              /**
               * @default queries
               * @enum {string}
               */
              unit?: 'queries' | 'records'
            }
          }[]
        }
        members: {
          burden: {
            1: number
            2: number
            3: number
          }
          code: string
          name: string
        }[]
      }
      /** @enum {number} */
      extensionVersion: 1
      patterns: {
        annualCost: number
        batchCollisions: number
        blastRadius: {
          group: string
          members: number
          population: number
          services: number
          units: number
        }
        coupling: number
        groupCount: number
        groups: {
          annualCost: number
          batchCollisions: number
          blastRadius: {
            members: number
            population: number
            services: number
            units: number
          }
          collisions: {
            a: {
              batch: number
              service: string
            }
            b: {
              batch: number
              service: string
            }
            pairs: number
          }[]
          coupling: number
          id: string
          /** @enum {string} */
          kind: 'service' | 'dedicated' | 'member' | 'saas' | 'all'
          label: string
          meanUtilisation: number
          memberLoad: {
            [key: string]: number
          }
          members: string[]
          peakDemand: number
          peakHour: number
          peakMonth: number
          peakUtilisation: number
          servers: number
          services: string[]
        }[]
        meanUtilisation: number
        name: string
        pattern: 1 | 2 | 3
        peakUtilisation: number
        rank: number
        score: number
        servers: number
      }[]
      recommendation: {
        pattern: 1 | 2 | 3
        ranking: (1 | 2 | 3)[]
        rationale: string[]
        weights: {
          blastRadius: number
          collisions: number
          cost: number
          coupling: number
        }
      }
      units: number
    }
    Plan: components['schemas']['PlanSummary'] & {
      consortiumId: number
      document: components['schemas']['PlanDocument']
      /** @description member ロール: 自団体以外の構成団体を除いた文書 (other members removed) */
      redacted?: boolean
    }
    /** @description warikan plan --format json の出力 */
    PlanAllocation: {
      from: number
      members: {
        /** @description 年度 → 負担金合計 (円), 在籍した年度のみ */
        byYear: {
          [key: string]: number
        }
        code: string
        name: string
        savingsRate?: number
        standaloneTotal?: number
        total: number
      }[]
      to: number
      total: number
      years: (components['schemas']['Allocation'] & {
        fiscalYear: number
      })[]
    }
    /**
     * @description 中期計画ファイル: version, plan {from, to, title?}, consortium {name}, members[] (population は年度別可, joins, leaves), costs[] (amount は年度別可, escalation, currency, from, to, amortize), exchangeRates
     * @example {
     *       "version": 1,
     *       "plan": {
     *         "from": 2026,
     *         "to": 2028,
     *         "title": "3か年計画"
     *       },
     *       "consortium": {
     *         "name": "例示協議会"
     *       },
     *       "members": [
     *         {
     *           "code": "143014",
     *           "name": "葉山町",
     *           "population": 32096,
     *           "populationGrowth": -0.006
     *         },
     *         {
     *           "code": "143219",
     *           "name": "寒川町",
     *           "population": 48060,
     *           "joins": 2027
     *         }
     *       ],
     *       "costs": [
     *         {
     *           "id": "ops",
     *           "name": "運用費",
     *           "amount": 1000000,
     *           "escalation": 0.015,
     *           "rule": {
     *             "equal": 1
     *           }
     *         }
     *       ]
     *     }
     */
    PlanDocument: {
      $schema?: string
      consortium: {
        name: string
      } & {
        [key: string]: unknown
      }
      costs: ({
        amortize?: {
          years: number
        }
        amount:
          | (number | string)
          | {
              [key: string]: number | string
            }
        currency?: string
        escalation?: number | string
        from?: number
        id: string
        members?: string[]
        name: string
        to?: number
      } & {
        [key: string]: unknown
      })[]
      exchangeRates?: {
        [key: string]:
          | (number | string)
          | {
              [key: string]: number | string
            }
      }
      members: ({
        code: string
        joins?: number
        leaves?: number
        name: string
        population:
          | (number | string)
          | {
              [key: string]: number | string
            }
        populationGrowth?: number | string
        standaloneCost?:
          | (number | string)
          | {
              [key: string]: number | string
            }
        standaloneGrowth?: number | string
      } & {
        [key: string]: unknown
      })[]
      plan: {
        from: number
        title?: string
        to: number
      }
      /** @enum {number} */
      version: 1
    } & {
      [key: string]: unknown
    }
    PlanSummary: {
      /** @example 2026 */
      from: number
      id: number
      title: string
      /** @example 2030 */
      to: number
      updatedAt: string
      version: number
    }
    PlanUpdate: {
      document: components['schemas']['PlanDocument']
      title?: string
      /** @description 読んだときの版 (optimistic concurrency) */
      version: number
    }
    /**
     * @description admin = 事務局, editor, viewer, member = 自団体の詳細と協議会合計のみ
     * @enum {string}
     */
    Role: 'admin' | 'editor' | 'viewer' | 'member'
    Scenario: {
      consortiumId: number
      document: components['schemas']['ScenarioDocument']
      id: number
      /** @description member ロール: 自団体以外の構成団体を除いた文書 (other members removed) */
      redacted?: boolean
      title: string
      updatedAt: string
      version: number
    }
    ScenarioCopy: {
      title?: string
    }
    /**
     * @description シナリオファイル (docs/formats/scenario.md): version, consortium {name, fiscalYear}, members[], costs[], rounding?, target?
     * @example {
     *       "version": 1,
     *       "consortium": {
     *         "name": "例示協議会",
     *         "fiscalYear": 2026
     *       },
     *       "members": [
     *         {
     *           "code": "143014",
     *           "name": "葉山町",
     *           "population": 32096
     *         },
     *         {
     *           "code": "143219",
     *           "name": "寒川町",
     *           "population": 48060
     *         }
     *       ],
     *       "costs": [
     *         {
     *           "id": "ops",
     *           "name": "運用費",
     *           "amount": 1000000,
     *           "rule": {
     *             "equal": 1
     *           }
     *         }
     *       ]
     *     }
     */
    ScenarioDocument: {
      $schema?: string
      adjustments?: {
        amount: number
        code: string
        reason?: string
      }[]
      coalitionModel?: {
        [key: string]: unknown
      }
      consortium: {
        fiscalYear: number
        name: string
      }
      costs: {
        amount: number
        deductions?: {
          amount: number
          name: string
        }[]
        id: string
        members?: string[]
        name: string
        parts?: {
          members?: string[]
          name?: string
          rounding?: {
            adjuster?: string
            /** @enum {string} */
            method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
            perPart?: boolean
            priceDecimals?: number
            /** @enum {number} */
            unit?: 1 | 10 | 100 | 1000 | 10000
          }
          rule: {
            equal?:
              | (number | string)
              | {
                  classes: {
                    [key: string]: number | string
                  }
                  weight: number | string
                }
            fixed?: {
              [key: string]: number | string
            }
            metric?:
              | {
                  name: string
                  weight: number | string
                }
              | {
                  name: string
                  weight: number | string
                }[]
            population?: number | string
            scaledPopulation?: {
              exponent: number
              weight: number | string
            }
            traffic?: number | string
          }
          weight: number | string
        }[]
        rounding?: {
          adjuster?: string
          /** @enum {string} */
          method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
          perPart?: boolean
          priceDecimals?: number
          /** @enum {number} */
          unit?: 1 | 10 | 100 | 1000 | 10000
        }
        rule?: {
          equal?:
            | (number | string)
            | {
                classes: {
                  [key: string]: number | string
                }
                weight: number | string
              }
          fixed?: {
            [key: string]: number | string
          }
          metric?:
            | {
                name: string
                weight: number | string
              }
            | {
                name: string
                weight: number | string
              }[]
          population?: number | string
          scaledPopulation?: {
            exponent: number
            weight: number | string
          }
          traffic?: number | string
        }
        traffic?: {
          /**
           * @default split
           * @enum {string}
           */
          basis?: 'requester' | 'provider' | 'split'
          /**
           * @default queries
           * @enum {string}
           */
          unit?: 'queries' | 'records'
        }
      }[]
      description?: string
      members: {
        code: string
        kind?: string
        metrics?: {
          [key: string]: number
        }
        name: string
        population: number
        standaloneCost?: number
      }[]
      patterns?: {
        [key: string]: unknown
      }
      populationDate?: string
      rounding?: {
        adjuster?: string
        /** @enum {string} */
        method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
        perPart?: boolean
        priceDecimals?: number
        /** @enum {number} */
        unit?: 1 | 10 | 100 | 1000 | 10000
      }
      services?: unknown[]
      target?: {
        minSavingsRate?: number
      }
      /** @enum {number} */
      version: 1
    }
    ScenarioSummary: {
      /** @description 費目数 */
      costs: number
      /** @example 2026 */
      fiscalYear: number
      id: number
      /** @description 構成団体数 */
      members: number
      title: string
      updatedAt: string
      version: number
    }
    ScenarioUpdate: {
      document: components['schemas']['ScenarioDocument']
      title?: string
      /** @description 読んだときの版 (optimistic concurrency) */
      version: number
    }
    ScenarioVersion: {
      id: number
      version: number
    }
    ServiceDecision: {
      /** @enum {string} */
      action: 'approve' | 'refuse'
      /** @description 判断したトークン名 */
      by: string
      findings: {
        blocking: boolean
        message: string
        /** @enum {string} */
        rule: 'ismap' | 'checks' | 'location' | 'period' | 'review'
        source: string
      }[]
      /** @description 判断日 (YYYY-MM-DD, 日本時間) */
      on: string
      overrides: {
        reason: string
        rule: string
      }[]
      reason?: string
    } | null
    /** @description 利用終了の報告 (利用基準 §5.2(5)): date, plan, dataDisposal, accountsRemoved, note? */
    ServiceEndReport: {
      accountsRemoved: boolean
      dataDisposal: string
      date: string
      note?: string
      plan: string
    }
    /** @description 台帳の項目 (docs/services.md) */
    ServiceEntry: {
      administrator: {
        department: string
        title: string
      }
      applicant: {
        department: string
        name: string
      }
      /** @default {} */
      checks?: {
        [key: string]: {
          date?: string
          evidence?: string
          /** @enum {string} */
          status: 'confirmed' | 'notConfirmed' | 'notApplicable'
        }
      }
      classification: {
        confidentiality: 1 | 2 | 3
        distress: 1 | 2 | 3
        economicLoss: 1 | 2 | 3
        residentImpact: 1 | 2 | 3
      }
      /** @default true */
      cloud?: boolean
      /** @default [] */
      costItems?: {
        costId: string
        scenarioId?: number
      }[]
      /**
       * @default unknown
       * @enum {string}
       */
      dataLocation?: 'domestic' | 'overseas' | 'unknown'
      /**
       * @default {
       *       "registered": false
       *     }
       */
      ismap?: {
        date?: string
        number?: string
        registered: boolean
      }
      memberCode?: string
      name: string
      note?: string
      period: {
        from: string
        to: string
      }
      provider: string
      purpose: string
      renewalDate?: string
      reviewDate?: string
      userScope: string
    }
    ServiceTransition: {
      overrides?: {
        reason: string
        rule: string
      }[]
      reason?: string
      report?: components['schemas']['ServiceEndReport']
      version: number
    }
    /** @description warikan settle --format json の出力 (決算ファイルの団体順) */
    Settlement: {
      fiscalYear: number
      members: components['schemas']['MemberSettlement'][]
      total: components['schemas']['SettlementAmounts']
    }
    SettlementAmounts: {
      /** @description 決算での負担額 (調整額を除く) */
      actual: number
      /** @description 予算での負担額 (調整額を除く) */
      budget: number
      /** @description 精算額 = actual − budget (正: 追加負担、負: 還付) */
      settlement: number
    }
    /** @description {budgetId, actualId} (保存済みシナリオ) か {budget, actual} (シナリオ本体) のどちらか */
    SettleRequest: {
      actual?: components['schemas']['ScenarioDocument']
      /** @description 決算シナリオの id */
      actualId?: number
      budget?: components['schemas']['ScenarioDocument']
      /** @description 予算シナリオの id */
      budgetId?: number
    }
    ShapleyMember: {
      code: string
      /** @description scenario − shapley */
      diff: number
      name: string
      /** @description 現行の按分の負担額 (円) */
      scenario: number
      /** @description シャープレイ値 (円, 最大剰余法で c(N) に一致) */
      shapley: number
      /** @description 丸め前の正確な値 (分数) */
      shapleyExact: string
      standaloneCost: number
      /** @description 標本抽出したときの標準誤差 (円) */
      standardError?: number
    }
    ShareExplanation: {
      adjuster?: string
      adjusterAbsorbed?: number
      amount: number
      code: string
      costId: string
      costName: string
      deductions?: {
        amount: number
        name: string
      }[]
      drivers: {
        detail?: string
        key: string
        label: string
        ratio: string
        total: string
        value: string
        weight: string
      }[]
      exactShare: string
      exactShareDecimal: string
      floor: number
      fractionalPart: string
      /** @enum {string} */
      method: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
      net?: number
      participant: boolean
      participants: number
      parts?: components['schemas']['SplitExplanation'][]
      rank: number
      reason: string
      rule: string
      share: number
      unit: number
      unitPrice?: string
      unitsAdded: number
      unitsHandedOut: number
      yenAdded: number
    }
    SlaDocument: components['schemas']['SlaDocumentSummary'] & {
      consortiumId: number
      /** @description SLA・継続性ファイルは JSON、障害記録は CSV の文字列 */
      content: string | components['schemas']['SlaFile'] | components['schemas']['ContinuityFile']
    }
    SlaDocumentAnalysis:
      | {
          findings: components['schemas']['SlaGradeFinding'][]
          /** @enum {string} */
          kind: 'sla'
        }
      | {
          /** @enum {string} */
          kind: 'incidents'
          report: components['schemas']['SlaReport']
        }
      | {
          /** @enum {string} */
          kind: 'continuity'
          report: components['schemas']['ContinuityReport']
        }
    SlaDocumentCreate: {
      /** @description SLA・継続性ファイルは JSON、障害記録は CSV の文字列 */
      content: string | components['schemas']['SlaFile'] | components['schemas']['ContinuityFile']
      /** @enum {string} */
      kind: 'sla' | 'incidents' | 'continuity'
      slaId?: number
      title: string
    }
    SlaDocumentSummary: {
      id: number
      /** @enum {string} */
      kind: 'sla' | 'incidents' | 'continuity'
      slaId: number | null
      title: string
      updatedAt: string
      version: number
    }
    SlaDocumentUpdate: {
      /** @description SLA・継続性ファイルは JSON、障害記録は CSV の文字列 */
      content: string | components['schemas']['SlaFile'] | components['schemas']['ContinuityFile']
      title?: string
      version: number
    }
    /** @description SLA ファイル (docs/sla.md): services[], grades, serviceHours, counting, credits */
    SlaFile: {
      consortium: {
        name: string
      }
      /**
       * @default {
       *       "granularityMinutes": 1,
       *       "minimumMinutes": 0,
       *       "basis": "serviceHours",
       *       "excludedCauses": []
       *     }
       */
      counting?: {
        /**
         * @default serviceHours
         * @enum {string}
         */
        basis?: 'serviceHours' | '24h'
        /** @default [] */
        excludedCauses?: string[]
        /** @default 1 */
        granularityMinutes?: number
        /** @default 0 */
        minimumMinutes?: number
      }
      /** @default [] */
      credits?: {
        below: number | string
        rate: number | string
      }[]
      /** @default {} */
      grades?: {
        availability?: number | string
        backup?: {
          format?: string
          frequency?: string
          media?: string
          method?: string
        }
        concurrentUsers?: {
          normal?: number
          temporaryIncrease?: boolean
        }
        customization?: {
          eucOutput?: boolean
          simpleForms?: boolean
        }
        dr?: {
          emergencyProcedure?: boolean
          remoteBackup?: boolean
        }
        failureDataFormat?: string
        mttrHours?: number
        retention?: {
          days?: number
          disposal?: string
          generations?: number
        }
        statusReporting?: {
          notify?: string[]
          online?: boolean
          realtime?: boolean
        }
      }
      serviceHours?: {
        batchWindow?: string
        /**
         * @default {
         *       "holidays": true,
         *       "dates": []
         *     }
         */
        closed?: {
          /** @default [] */
          dates?: string[]
          /** @default true */
          holidays?: boolean
        }
        weekly: {
          fri?: string[]
          mon?: string[]
          sat?: string[]
          sun?: string[]
          thu?: string[]
          tue?: string[]
          wed?: string[]
        }
      }
      services: {
        /**
         * @default staff
         * @enum {string}
         */
        audience?: 'staff' | 'residents'
        availability?: number | string
        costId?: string
        /** @enum {string} */
        hours?: 'schedule' | '24x365'
        id: string
        monthlyFee?: number
        name: string
      }[]
      /** @enum {number} */
      version: 1
    }
    SlaGradeCheck: {
      findings: components['schemas']['SlaGradeFinding'][]
    }
    SlaGradeFinding: {
      agreed: string
      /** @example サービス稼働率 */
      item: string
      message: string
      recommended: string
      /** @enum {string} */
      status: 'ok' | 'below' | 'missing'
    }
    SlaReport: {
      consortium: string
      months: string[]
      services: components['schemas']['SlaServiceMonth'][]
    }
    SlaReportRequest: {
      /** @description 障害記録 CSV (start,end,service,cause,excluded,reason) */
      incidents: string
      months?: string[]
      sla: components['schemas']['SlaFile']
    }
    SlaServiceMonth: {
      allowedDowntimeMinutes?: number
      availability: number
      /** @example 199/200 */
      availabilityExact: string
      /** @enum {string} */
      basis: 'serviceHours' | '24h'
      credit?: {
        amount: number
        fee: number
        rate: number
        tier: string
      }
      downtimeMinutes: number
      incidents: {
        cause: string
        countedMinutes: number
        end: string
        inServiceMinutes: number
        lines: number[]
        note: string
        start: string
        /** @enum {string} */
        status: 'counted' | 'excluded' | 'belowMinimum' | 'outsideHours'
      }[]
      met?: boolean
      /** @example 2026-08 */
      month: string
      mttrMet?: boolean
      mttrMinutes?: number
      mttrTargetMinutes?: number
      notices: string[]
      service: string
      serviceMinutes: number
      serviceName: string
      target?: number
    }
    SplitExplanation: {
      adjuster?: string
      adjusterAbsorbed?: number
      amount: number
      drivers: {
        detail?: string
        key: string
        label: string
        ratio: string
        total: string
        value: string
        weight: string
      }[]
      exactShare: string
      exactShareDecimal: string
      floor: number
      /** @enum {string} */
      method: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
      name?: string
      participant: boolean
      participants: number
      reason: string
      rule: string
      share: number
      unit: number
      unitPrice?: string
      weight: string
    }
    /** @description 保存された台帳の項目 (既定値を補ったもの) */
    StoredServiceEntry: {
      administrator: {
        department: string
        title: string
      }
      applicant: {
        department: string
        name: string
      }
      /** @default {} */
      checks: {
        [key: string]: {
          date?: string
          evidence?: string
          /** @enum {string} */
          status: 'confirmed' | 'notConfirmed' | 'notApplicable'
        }
      }
      classification: {
        confidentiality: 1 | 2 | 3
        distress: 1 | 2 | 3
        economicLoss: 1 | 2 | 3
        residentImpact: 1 | 2 | 3
      }
      /** @default true */
      cloud: boolean
      /** @default [] */
      costItems: {
        costId: string
        scenarioId?: number
      }[]
      /**
       * @default unknown
       * @enum {string}
       */
      dataLocation: 'domestic' | 'overseas' | 'unknown'
      /**
       * @default {
       *       "registered": false
       *     }
       */
      ismap: {
        date?: string
        number?: string
        registered: boolean
      }
      memberCode?: string
      name: string
      note?: string
      period: {
        from: string
        to: string
      }
      provider: string
      purpose: string
      renewalDate?: string
      reviewDate?: string
      userScope: string
    }
    /** @description トークンの情報 (never the token itself) */
    TokenInfo: {
      createdAt: string
      demo: boolean
      expiresAt: string | null
      id: number
      name: string
      revokedAt: string | null
      roles: {
        consortiumId: number
        memberCode?: string
        role: components['schemas']['Role']
      }[]
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked'
    }
    /** @description ネットワーク構成 (docs/formats/topology.md): segments[], nodes[], links[] */
    Topology: {
      /** @default [] */
      devices?: {
        id: string
        /** @enum {string} */
        kind: 'firewall' | 'router' | 'gateway'
        name?: string
      }[]
      /** @default [] */
      links?: {
        from: string
        to: string
        via?: string
      }[]
      /** @default [] */
      nodes?: {
        id: string
        /** @enum {string} */
        kind: 'existing-system' | 'middle-server' | 'interface-system' | 'terminal' | 'other'
        name?: string
        segment: string
      }[]
      segments: {
        id: string
        /** @enum {string} */
        kind: 'kikan' | 'joho' | 'chukan' | 'interface' | 'lgwan' | 'internet' | 'other'
        name?: string
      }[]
      /** @enum {number} */
      version?: 1
    }
    Traffic: {
      monthly: {
        /** @example 2026-06 */
        month: string
        queries: number
      }[]
      pairs: components['schemas']['TrafficPair'][]
      rows: number
    }
    TrafficImport: {
      encoding: string
      fileName: string
      id: number
      importedAt: string
      importedBy: string | null
      /** @description 最も早い照会日時 (JST, ISO 8601) */
      periodFrom: string | null
      /** @description 最も遅い照会日時 (JST, ISO 8601) */
      periodTo: string | null
      recordsSha256: string | null
      rows: number
      sha256: string
    }
    TrafficPair: {
      bytes: number
      provider: string
      queries: number
      records: number
      requester: string
    }
    TrafficUpload: {
      file: string
      rows: number
      summary: {
        /** @enum {string} */
        encoding: 'utf-8' | 'shift_jis'
        importId: number
        /** @description 読み取った行 (正規化後) の sha256。同じ行なら文字コードが違っても同じ */
        recordsSha256: string
        replaced: boolean
        replacedImports: number[]
        /** @description ファイルのバイト列の sha256 */
        sha256: string
      }
    }
  }
  responses: never
  parameters: never
  requestBodies: never
  headers: never
  pathItems: never
}
export type $defs = Record<string, never>
export type operations = Record<string, never>
