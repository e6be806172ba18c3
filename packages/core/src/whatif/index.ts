export * from './operations'
export * from './compare'
