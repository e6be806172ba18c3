#!/usr/bin/env node
// The installed `warikan` command: runs the built CLI (packages/api/dist, made by `pnpm install` / `pnpm build`).
try {
  await import('../dist/cli.js')
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli.js')) {
    process.stderr.write(
      'warikan: CLI がビルドされていません。pnpm build を実行してください (not built: run pnpm build)\n',
    )
    process.exitCode = 70
  } else throw e
}
