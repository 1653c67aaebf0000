import { mainnet } from 'wagmi/chains'
import { type Config, type Connector, createConfig, custom, injected } from 'wagmi'
import { connect, getConnection, signMessage, watchConnection, watchConnectors } from 'wagmi/actions'
import type { WidgetSigner } from '../types.js'

/**
 * The visitor's browser wallets, through wagmi's injected connector: `window.ethereum`, and those announced
 * through EIP-6963 (wagmi's `multiInjectedProviderDiscovery`, several extensions at once). One per widget, so
 * each widget has its own connection.
 */
export interface InjectedWallets {
  /** Calls `onChange` with whether a wallet is found, as soon as that is known and whenever one appears. Returns a stop function. */
  watchFound(onChange: (found: boolean) => void): () => void
  /**
   * The wallet's account and a signer for it (EIP-191 `personal_sign`). Asks the wallet for its account
   * (`eth_requestAccounts`: the wallet shows its connect prompt) unless it is already connected.
   */
  connect(): Promise<{ address: string; signer: WidgetSigner }>
  /** Calls `onLeft` when the wallet no longer has `address` as its account (another account chosen, locked, disconnected). Returns a stop function. */
  watchLeaving(address: string, onLeft: () => void): () => void
  /** Stops listening for EIP-6963 announcements. */
  destroy(): void
}

/**
 * A transport for wagmi's public client, which the widget never uses: it reads nothing from a chain, and signing
 * goes through the wallet's own provider. If it were ever called, it would fail here rather than reach an RPC URL.
 */
const noChainReads = custom({
  request: ({ method }: { method: string }) => Promise.reject(new Error(`The messaging widget makes no chain requests (${method}).`)),
})

export function createInjectedWallets(): InjectedWallets {
  const config: Config = createConfig({
    // A chain is required; the wallet may be on any chain, the widget only asks it to sign messages.
    chains: [mainnet],
    transports: { [mainnet.id]: noChainReads },
    // `injected()` is `window.ethereum`; each EIP-6963 wallet gets its own injected connector.
    // `shimDisconnect: false`: "Connect wallet" asks with `eth_requestAccounts` (no account picker every time).
    connectors: [injected({ shimDisconnect: false })],
    multiInjectedProviderDiscovery: true,
    // Nothing in the host page's localStorage: the connection lasts for the page view, as the widget's client does.
    storage: null,
  })

  /** The first wallet found: `window.ethereum`, else the first EIP-6963 wallet announced. */
  async function firstWallet(): Promise<Connector | undefined> {
    for (const connector of config.connectors) {
      if (await connector.getProvider().catch(() => undefined)) return connector
    }
    return undefined
  }

  return {
    watchFound(onChange) {
      let stopped = false
      const check = () => void firstWallet().then((connector) => stopped || onChange(connector !== undefined))
      check()
      const stop = watchConnectors(config, { onChange: check })
      return () => {
        stopped = true
        stop()
      }
    },

    async connect() {
      // Still connected (after "Disconnect" in the widget, or the wallet reconnected itself): no prompt needed.
      if (getConnection(config).status !== 'connected') {
        const connector = await firstWallet()
        if (!connector) throw new Error('No wallet found.')
        if (getConnection(config).status !== 'connected') await connect(config, { connector })
      }
      const account = getConnection(config).address
      if (!account) throw new Error('The wallet shared no account.')
      return {
        address: account,
        signer: {
          getAddress: () => account,
          // With `account`, wagmi refuses to sign once the wallet has switched to another account.
          signMessage: (message) => signMessage(config, { message, account }),
        },
      }
    },

    watchLeaving(address, onLeft) {
      return watchConnection(config, {
        onChange(connection) {
          if (connection.status === 'disconnected' || (connection.address && connection.address.toLowerCase() !== address.toLowerCase())) onLeft()
        },
      })
    },

    destroy() {
      config._internal.mipd?.destroy()
    },
  }
}

/** True for a wallet's "the user said no" (EIP-1193 code 4001), also when wrapped in `cause`s. */
export function isUserRejection(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === 4001) return true
  }
  return false
}
