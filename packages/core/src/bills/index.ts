/** Cloud bills (FOCUS cost-and-usage files) → scenario cost items, in yen. Pure. */
export * from './scaled-decimal'
export * from './bill-map'
export * from './focus-columns'
export * from './bill-aggregator'
export * from './bill-csv-reader'
export * from './focus-record-scanner'
export * from './format-exact-yen'
