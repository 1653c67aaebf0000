import type { WidgetConfig } from './protocol.js'
import type { WidgetMode, WidgetTheme } from './types.js'

const MODES: readonly WidgetMode[] = ['launcher', 'inline']
const THEMES: readonly WidgetTheme[] = ['light', 'dark', 'auto']

/** The file name the launcher is published under (the fallback lookup for a script that ran without `currentScript`). */
const LAUNCHER_FILE = /\/xmtp-kit-widget(\.min)?\.js(\?|#|$)/

/** `data-*` values, trimmed; empty counts as absent. */
function attr(script: HTMLScriptElement, name: string): string | undefined {
  const value = script.getAttribute(`data-${name}`)?.trim()
  return value ? value : undefined
}

/** A boolean attribute: present (any value but `false`) is true. */
function flag(script: HTMLScriptElement, name: string): boolean {
  const value = script.getAttribute(`data-${name}`)
  return value !== null && value.trim().toLowerCase() !== 'false'
}

/** Reads a widget's settings from its script tag. Unknown modes and themes fall back to the defaults. */
export function readConfig(script: HTMLScriptElement, id: string): WidgetConfig {
  const mode = attr(script, 'mode') as WidgetMode | undefined
  const theme = attr(script, 'theme') as WidgetTheme | undefined
  return {
    id,
    mode: mode && MODES.includes(mode) ? mode : 'launcher',
    node: attr(script, 'node'),
    peer: attr(script, 'peer'),
    theme: theme && THEMES.includes(theme) ? theme : 'auto',
    target: attr(script, 'target'),
    title: attr(script, 'title'),
    allowBurner: flag(script, 'allow-burner'),
    nonce: attr(script, 'nonce') ?? (script.nonce || undefined),
    loadOnIdle: attr(script, 'load') === 'idle',
  }
}

/**
 * The script tag this launcher runs from: `document.currentScript` while a classic script runs (async ones
 * too), else the first launcher script on the page that no widget has claimed yet.
 */
export function findOwnScript(claimed: WeakSet<Element>): HTMLScriptElement | undefined {
  const current = document.currentScript
  if (current instanceof HTMLScriptElement && !claimed.has(current)) return current
  for (const script of Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'))) {
    if (!claimed.has(script) && (LAUNCHER_FILE.test(script.src) || script.hasAttribute('data-node'))) return script
  }
  return undefined
}
