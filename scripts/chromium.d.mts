/** What to do when no browser can be had, in one line. */
export declare const NO_BROWSER: string
/** The version line a binary prints, or `undefined` when it does not start. */
export declare function chromiumVersion(path: string): string | undefined
/** The npm-shipped headless Chromium, unpacked into node_modules/.cache on first use. */
export declare function unpackNpmChromium(): string | undefined
/** The first Chromium that runs (`CHROMIUM_PATH`, Debian's, the npm-shipped one), or `undefined`. */
export declare function findChromium(): { path: string; version: string; source: string } | undefined
/** The path the browser tests launch, remembered in `CHROMIUM_PATH`; throws when there is none. */
export declare function chromiumPath(): string
/** Finds a Chromium (or installs Debian's when `install` and root on Debian), or exits with one line. */
export declare function ensureChromium(options?: { install?: boolean }): { path: string; version: string; source: string }
