export * from './ja'
export * from './csv'
export * from './text-width'
export * from './json-error'
