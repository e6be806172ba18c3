/** Network topology (セグメント・ファイアウォール配置): model, validation, checks NET-001…006, diagram. */
export * from './schema'
export * from './parse'
export * from './rules'
export * from './check'
export * from './svg'
