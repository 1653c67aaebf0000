// Builds every library package under packages/ to ESM + CJS + one bundled .d.ts, plus its CLI if it has one.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dts } from 'rollup-plugin-dts'
import esbuild from 'rollup-plugin-esbuild'

const onwarn = (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' ? undefined : warn(warning))

function packageBuilds(dir) {
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'))
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
  // Dependencies, their subpaths and Node built-ins stay external.
  const external = (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`))
  const ts = () => esbuild({ target: 'es2022', jsx: 'automatic', tsconfig: 'tsconfig.json' })
  const builds = [
    {
      input: `${dir}/src/index.ts`,
      external,
      onwarn,
      plugins: [ts()],
      output: [
        { file: `${dir}/dist/index.js`, format: 'es', sourcemap: true },
        { file: `${dir}/dist/index.cjs`, format: 'cjs', sourcemap: true, exports: 'named' },
      ],
    },
    {
      input: `${dir}/src/index.ts`,
      external,
      onwarn,
      plugins: [dts({ tsconfig: 'tsconfig.json' })],
      output: { file: `${dir}/dist/index.d.ts`, format: 'es' },
    },
  ]
  if (existsSync(`${dir}/src/cli.ts`)) {
    builds.push({
      input: `${dir}/src/cli.ts`,
      external,
      onwarn,
      plugins: [ts()],
      output: { file: `${dir}/dist/cli.js`, format: 'es', banner: '#!/usr/bin/env node' },
    })
  }
  return builds
}

const only = process.env.XMTP_KIT_PACKAGES?.split(',')
export default readdirSync('packages')
  .filter((name) => existsSync(`packages/${name}/src/index.ts`) && (!only || only.includes(name)))
  .flatMap((name) => packageBuilds(`packages/${name}`))
