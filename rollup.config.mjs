// Builds every library package under packages/ to ESM + CJS + one bundled .d.ts, plus its CLI if it has one.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import { dts } from 'rollup-plugin-dts'
import { transform } from 'esbuild'
import esbuild, { minify } from 'rollup-plugin-esbuild'

// React's "use client" directives and protobufjs's internal import cycle are harmless.
const onwarn = (warning, warn) =>
  warning.code === 'MODULE_LEVEL_DIRECTIVE' || (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules')))
    ? undefined
    : warn(warning)

// A package's plain-CSS stylesheet (`src/styles.css`, components) ships beside the bundle as one file.
/** A stylesheet with its relative `@import './x.css';` lines replaced by the files' contents (recursively). */
function inlineCssImports(file) {
  return readFileSync(file, 'utf8').replace(/^@import\s+['"](\.[^'"]+)['"];\s*$/gm, (_, rel) => inlineCssImports(join(dirname(file), rel)))
}

const copyStyles = (dir) => ({
  name: 'xmtp-kit-copy-styles',
  writeBundle() {
    mkdirSync(`${dir}/dist`, { recursive: true })
    writeFileSync(`${dir}/dist/styles.css`, inlineCssImports(`${dir}/src/styles.css`))
  },
})

/**
 * protobufjs looks for long.js itself with a `require("long")` in a try block; the generated @xmtp/proto modules
 * hand it the `long` they import anyway. Left in, that require makes a bundler add long's UMD build beside its
 * ESM one (two copies, ~10 kB gzip), so it goes.
 */
const oneLong = () => ({
  name: 'xmtp-kit-one-long',
  transform(code, id) {
    if (!id.endsWith('/node_modules/protobufjs/src/util/minimal.js')) return null
    const probe = /\|\| \(function\(\) \{\s*try \{\s*var Long = require\("long"\);[\s\S]*?\}\)\(\);/
    if (!probe.test(code)) throw new Error('protobufjs/src/util/minimal.js changed: update the build that drops its require("long")')
    return { code: code.replace(probe, '|| null;'), map: null }
  },
})

function packageBuilds(dir) {
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'))
  // Dependencies listed in `xmtpKit.bundle` are inlined: @xmtp/proto's ESM build does not load in Node.
  const bundled = pkg.xmtpKit?.bundle ?? []
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})].filter((d) => !bundled.includes(d))
  // Dependencies, their subpaths and Node built-ins stay external, and so does the package itself: an extra entry
  // point (`wasm`, `node`, `wagmi`) imports the main one by name, so both share one copy of its classes and state.
  const external = (id) => id.startsWith('node:') || [...deps, pkg.name].some((d) => id === d || id.startsWith(`${d}/`))
  const ts = () => esbuild({ target: 'es2022', jsx: 'automatic', tsconfig: 'tsconfig.json' })
  const inline = () => (bundled.length > 0 ? [nodeResolve({ preferBuiltins: true }), commonjs(), oneLong()] : [])
  // `src/index.ts`, plus any extra entry points the package lists (`xmtpKit.entries`, e.g. `wasm`).
  // Rollup drops module-level directives: an entry that starts with "use client" (React Server Components)
  // gets it back as a banner.
  const directive = (entry) => (/^\s*['"]use client['"]/.test(readFileSync(`${dir}/src/${entry}.ts`, 'utf8')) ? '"use client";' : undefined)
  const entries = ['index', ...(pkg.xmtpKit?.entries ?? [])]
  // ESM: one file per source module (bundled dependencies under `vendor/`), so that with `sideEffects: false` a
  // bundler drops every module an app does not reach: importing `isAddress` or `ConnectionStatus` alone ships
  // that and what it imports, not the package.
  const esm = {
    input: Object.fromEntries(entries.map((entry) => [entry, `${dir}/src/${entry}.ts`])),
    external,
    onwarn,
    plugins: [...inline(), ts(), ...(existsSync(`${dir}/src/styles.css`) ? [copyStyles(dir)] : [])],
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: `${dir}/src`,
      // npm never packs a folder named node_modules, and `\0` virtual modules need a plain file name.
      entryFileNames: (chunk) => `${chunk.name.replace(/(^|\/)node_modules\//g, '$1vendor/').replace(/\0|[?:]/g, '_')}.js`,
      banner: (chunk) => (chunk.isEntry ? directive(chunk.name) ?? '' : ''),
    },
  }
  const builds = [
    esm,
    ...entries.flatMap((entry) => [
      {
        input: `${dir}/src/${entry}.ts`,
        external,
        onwarn,
        plugins: [...inline(), ts()],
        output: { file: `${dir}/dist/${entry}.cjs`, format: 'cjs', sourcemap: true, exports: 'named', banner: directive(entry), inlineDynamicImports: true },
      },
      {
        input: `${dir}/src/${entry}.ts`,
        external,
        onwarn,
        plugins: [dts({ tsconfig: 'tsconfig.json' })],
        // The same declarations twice: `.d.ts` beside the ESM entry, `.d.cts` beside the CommonJS one, so that
        // TypeScript reads each in its module kind (node16 resolution).
        output: [
          { file: `${dir}/dist/${entry}.d.ts`, format: 'es' },
          { file: `${dir}/dist/${entry}.d.cts`, format: 'es' },
        ],
      },
    ]),
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
  // A self-contained browser ESM bundle (every dependency inlined, `browser` fields honoured), for pages
  // without a bundler and to prove the package needs no Node built-ins.
  if (pkg.xmtpKit?.browserBundle) {
    builds.push({
      input: `${dir}/src/index.ts`,
      onwarn,
      plugins: [
        replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
        nodeResolve({ browser: true, preferBuiltins: false, extensions: ['.mjs', '.js', '.ts', '.tsx', '.json'] }),
        commonjs(),
        ts(),
      ],
      output: { file: `${dir}/${pkg.xmtpKit.browserBundle}`, format: 'es', sourcemap: true },
    })
  }
  return builds
}

/** Minified CSS as a JS module's default export (the widget embeds its styles: no fetch, no inline `<style>`). */
const cssModule = async (css) => `export default ${JSON.stringify((await transform(css, { loader: 'css', minify: true })).code.trim())}`

/**
 * React as Preact's compatibility layer in the widget: the same components at a fraction of react-dom's size
 * (the inbox chunk's budget is 150 kB gzip; React 19 alone takes ~75 kB of it).
 */
const PREACT = {
  react: 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-runtime',
}

/** The widget's plugins: workspace packages from source, CSS as strings, browser builds of dependencies. */
const widgetPlugins = (version) => [
  {
    name: 'xmtp-kit-widget-sources',
    resolveId(id, importer) {
      if (Object.hasOwn(PREACT, id)) return this.resolve(PREACT[id], importer, { skipSelf: true })
      const match = id.match(/^@xmtp-kit\/([a-z-]+)$/)
      if (match && existsSync(`packages/${match[1]}/src/index.ts`)) return `${process.cwd()}/packages/${match[1]}/src/index.ts`
      if (id === 'virtual:xmtp-kit-components.css') return '\0xmtp-kit-components.css'
      // One Long: protobufjs `require`s the UMD build, everything else imports the ESM one.
      if (id === 'long') return `${process.cwd()}/node_modules/long/index.js`
      return null
    },
    transform(code, id) {
      // long.js compiles a tiny WebAssembly module for 64-bit multiplication when it loads: under a CSP without
      // 'wasm-unsafe-eval' that is refused (and reported). Its pure-JavaScript path is the same maths.
      if (!id.endsWith('/node_modules/long/index.js')) return null
      const wasm = /try \{\s*wasm = new WebAssembly\.Instance\([\s\S]*?\} catch \{[^}]*\}/
      if (!wasm.test(code)) throw new Error('long/index.js changed: update the widget build that drops its WebAssembly')
      return { code: code.replace(wasm, '/* WebAssembly fast path dropped for strict CSP */'), map: null }
    },
    load(id) {
      if (id === '\0xmtp-kit-components.css') return cssModule(inlineCssImports('packages/components/src/styles.css'))
      if (id.endsWith('.css')) return cssModule(inlineCssImports(id))
      return null
    },
  },
  replace({
    preventAssignment: true,
    values: { 'process.env.NODE_ENV': JSON.stringify('production'), XMTP_KIT_WIDGET_VERSION: JSON.stringify(version) },
  }),
  nodeResolve({ browser: true, preferBuiltins: false, extensions: ['.mjs', '.js', '.ts', '.tsx', '.json'] }),
  commonjs({ requireReturnsDefault: (id) => id.endsWith('/node_modules/long/index.js') }),
  esbuild({ target: 'es2022', jsx: 'automatic', tsconfig: 'tsconfig.json' }),
  minify({ target: 'es2022' }),
]

/**
 * The script-tag widget: two self-contained minified scripts (IIFE, no imports at run time): the launcher (no
 * React) and the inbox chunk it loads from next to itself; and the .d.ts of its JS API (`window.XMTPKit`).
 */
function widgetBuilds(dir) {
  const { version } = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'))
  // Workspace sources are side-effect free (their package.json files say so) but are read from source here,
  // where rollup cannot know it: without this, every component of the barrel would be bundled.
  // @xmtp/proto's modules only define messages (and set protobufjs's Long, which every module it uses repeats).
  const treeshake = { moduleSideEffects: (id) => !/\/packages\/(client|react|components)\/src\/|\/node_modules\/@xmtp\/proto\//.test(id) }
  return [
    { input: `${dir}/src/launcher.ts`, treeshake, onwarn, plugins: widgetPlugins(version), output: { file: `${dir}/dist/xmtp-kit-widget.js`, format: 'iife', sourcemap: true } },
    {
      input: `${dir}/src/inbox.tsx`,
      treeshake,
      onwarn,
      plugins: widgetPlugins(version),
      output: { file: `${dir}/dist/xmtp-kit-widget-inbox.js`, format: 'iife', sourcemap: true, inlineDynamicImports: true },
    },
    { input: `${dir}/src/types.ts`, onwarn, plugins: [dts({ tsconfig: 'tsconfig.json' })], output: { file: `${dir}/dist/xmtp-kit-widget.d.ts`, format: 'es' } },
  ]
}

const only = process.env.XMTP_KIT_PACKAGES?.split(',')
export default [
  ...readdirSync('packages')
    .filter((name) => existsSync(`packages/${name}/src/index.ts`) && (!only || only.includes(name)))
    .flatMap((name) => packageBuilds(`packages/${name}`)),
  ...(existsSync('packages/widget/src/launcher.ts') && (!only || only.includes('widget')) ? widgetBuilds('packages/widget') : []),
]
