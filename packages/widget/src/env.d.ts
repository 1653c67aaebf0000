// Build-time values and modules (rollup.config.mjs provides them).

/** The widget's version, from its package.json. */
declare const XMTP_KIT_WIDGET_VERSION: string

/** A stylesheet of this package, as a minified string. */
declare module '*.css' {
  const css: string
  export default css
}

/** `@xmtp-kit/components`' styles.css (its per-area files inlined), as a minified string. */
declare module 'virtual:xmtp-kit-components.css' {
  const css: string
  export default css
}
