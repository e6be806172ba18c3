/** Times `fn` over `runs` runs in this process; returns the median and the fastest run (ms). */
export function time(fn: () => void, runs: number): { median: number; min: number } {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(samples.length / 2)]!, min: samples[0]! }
}
