/** vitest globalSetup: builds the CLI (packages/api/dist) from the current sources before the tests run it. */
export default async function setup(): Promise<void> {
  // @ts-expect-error -- a plain .mjs build script without type declarations
  const { buildCli } = (await import('../../packages/api/scripts/build.mjs')) as {
    buildCli: (o: { quiet: boolean }) => Promise<unknown>
  }
  await buildCli({ quiet: true })
}
