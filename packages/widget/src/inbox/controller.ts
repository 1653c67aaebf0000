import type { WidgetConfig } from '../protocol.js'
import type { WidgetSigner, WidgetTheme } from '../types.js'

export interface WidgetState {
  /** The panel is showing (always true inline). */
  open: boolean
  theme: WidgetTheme
  /** The last conversation asked for (`data-peer`, then `open({ peer })`); `seq` tells two requests apart. */
  peerRequest: { peer: string; seq: number } | undefined
}

export type ConnectHandler = (signer: WidgetSigner) => Promise<string>

/** The bridge between the launcher's calls (plain functions) and the React tree (a tiny external store). */
export interface Controller {
  get(): WidgetState
  set(patch: Partial<WidgetState>): void
  subscribe(listener: () => void): () => void
  requestPeer(peer: string): void
  /** Connects a signer from the JS API, once the React tree is ready to take it. */
  connect(signer: WidgetSigner): Promise<string>
  /** The React tree's connect function (set while mounted). */
  setConnectHandler(handler: ConnectHandler | undefined): void
}

export function createController(config: WidgetConfig): Controller {
  let state: WidgetState = {
    open: config.mode === 'inline',
    theme: config.theme,
    peerRequest: config.peer ? { peer: config.peer, seq: 0 } : undefined,
  }
  const listeners = new Set<() => void>()
  let handler: ConnectHandler | undefined
  const waiting: Array<(handler: ConnectHandler) => void> = []
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch }
      for (const listener of listeners) listener()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    requestPeer(peer) {
      this.set({ peerRequest: { peer, seq: (state.peerRequest?.seq ?? 0) + 1 } })
    },
    connect(signer) {
      if (handler) return handler(signer)
      return new Promise<ConnectHandler>((resolve) => waiting.push(resolve)).then((h) => h(signer))
    },
    setConnectHandler(next) {
      handler = next
      if (next) for (const resolve of waiting.splice(0)) resolve(next)
    },
  }
}
