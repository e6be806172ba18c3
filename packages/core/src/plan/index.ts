export * from './schema'
export * from './yearly-value'
export * from './expand'
export * from './plan-allocate'
