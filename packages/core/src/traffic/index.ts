/** 照会ログ (traffic logs): parsing, validation, aggregation and the divergence report. Pure. */
export * from './traffic-header'
export * from './timestamp'
export * from './csv-record-parser'
export * from './traffic-row'
export * from './traffic-aggregator'
export * from './traffic-log-reader'
export * from './divergence'
export * from './cross-query-matrix'
