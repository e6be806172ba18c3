export * from './settle'
export * from './settlement-rows'
