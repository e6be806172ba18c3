export * from './schema'
export * from './issues'
export * from './validate'
export * from './prototype-names'
