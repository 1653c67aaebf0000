// What every React page of the demo shares: the config from the server, the wallet (a burner kept in this
// browser, or an injected one through wagmi), the XMTP client, the DEMO balance and the page's frame.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { indexedDbPersistence } from '@xmtp-kit/client'
import { ConnectButton, type IdentityResolver, type Theme, XMTPUIProvider } from '@xmtp-kit/components'
import { WagmiConnectButton } from '@xmtp-kit/components/wagmi'
import { XMTPProvider, useClient } from '@xmtp-kit/react'
import { useSignerFromWagmi } from '@xmtp-kit/react/wagmi'
import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { createRoot } from 'react-dom/client'
import type { PublicClient } from 'viem'
import { WagmiProvider } from 'wagmi'
import type { DemoConfig, DemoPerson } from '../../config.js'
import { fetchConfig, requestFaucet } from './api.js'
import { createDemoClients, demoTokenAbi, formatTokens } from './chain.js'
import { useTheme } from './theme.js'
import { type Burner, loadBurner, newBurner } from './wallet.js'

export type PageId = 'destination' | 'dapp'

export interface DemoContextValue {
  config: DemoConfig
  publicClient: PublicClient
  theme: Theme
  /** The demo wallet with this address, if it is one. */
  person(address: string): DemoPerson | undefined
  wallet: { kind: 'burner' | 'injected'; address: `0x${string}` | undefined }
  /** The connected wallet's DEMO balance (base units), once read. */
  balance: bigint | undefined
  formatTokens(amount: bigint): string
}

const DemoContext = createContext<DemoContextValue | null>(null)

/** The demo's shared state; inside a demo page only. */
export function useDemo(): DemoContextValue {
  const value = useContext(DemoContext)
  if (!value) throw new Error('useDemo: outside a demo page')
  return value
}

// The kit's encrypted local cache: a returning visitor's inbox shows before the network answers.
const persistence = indexedDbPersistence()

const hasInjectedWallet = () => typeof window !== 'undefined' && 'ethereum' in window && Boolean((window as { ethereum?: unknown }).ethereum)
const WALLET_MODE_KEY = 'xmtp-kit-demo:wallet'

/** Loads the config, then renders `page` in the demo's frame into `#root`. */
export async function mountDemoPage(id: PageId, page: ReactNode): Promise<void> {
  const root = createRoot(document.getElementById('root')!)
  try {
    const config = await fetchConfig()
    root.render(
      <DemoRoot config={config} page={id}>
        {page}
      </DemoRoot>,
    )
  } catch (error) {
    root.render(
      <p className="demo-boot demo-boot--error" role="alert">
        The demo server did not answer ({(error as Error).message}). Is <code>npm start</code> still running?
      </p>,
    )
  }
}

function DemoRoot({ config, page, children }: { config: DemoConfig; page: PageId; children: ReactNode }) {
  const { publicClient, wagmiConfig } = useMemo(() => createDemoClients(config), [config])
  const [queryClient] = useState(() => new QueryClient())
  const [theme, setTheme] = useTheme()
  const [mode, setModeState] = useState<'burner' | 'injected'>(() => {
    try {
      return hasInjectedWallet() && localStorage.getItem(WALLET_MODE_KEY) !== 'burner' ? 'injected' : 'burner'
    } catch {
      return 'burner'
    }
  })
  const setMode = useCallback((next: 'burner' | 'injected') => {
    setModeState(next)
    try {
      localStorage.setItem(WALLET_MODE_KEY, next)
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
  }, [])
  const frame = { config, page, publicClient, theme, setTheme, mode, setMode, children }
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        {mode === 'burner' ? <BurnerSession {...frame} /> : <InjectedSession {...frame} />}
      </QueryClientProvider>
    </WagmiProvider>
  )
}

interface FrameProps {
  config: DemoConfig
  page: PageId
  publicClient: PublicClient
  theme: Theme
  setTheme(theme: Theme): void
  mode: 'burner' | 'injected'
  setMode(mode: 'burner' | 'injected'): void
  children: ReactNode
}

function BurnerSession(props: FrameProps) {
  const { config } = props
  const [burner, setBurner] = useState<Burner | undefined>(undefined)
  const [error, setError] = useState<Error | undefined>(undefined)
  useEffect(() => {
    let active = true
    loadBurner(config).then(
      (loaded) => active && setBurner(loaded),
      (failed: Error) => active && setError(failed),
    )
    return () => {
      active = false
    }
  }, [config])
  const replace = useCallback(async () => {
    setBurner(undefined)
    setBurner(await newBurner())
  }, [])
  return (
    <XMTPProvider url={config.nodeUrl} signer={burner?.signer} persistence={persistence}>
      <Session {...props} address={burner?.address} walletError={error} wallet={<BurnerButton burner={burner} onReplace={replace} />} />
    </XMTPProvider>
  )
}

function BurnerButton({ burner, onReplace }: { burner: Burner | undefined; onReplace: () => void }) {
  const { connect } = useClient()
  return (
    <div className="demo-wallet">
      <ConnectButton
        address={burner?.address}
        connecting={!burner}
        onRetry={burner ? () => void connect(burner.signer) : undefined}
        title={burner ? `Burner wallet ${burner.address}, kept in this browser${burner.persisted ? '' : ' for this page only (storage is blocked)'}` : undefined}
      />
      <button type="button" className="demo-link-button" onClick={onReplace} disabled={!burner} title="Forget this burner and get a new one, with a new seeded inbox">
        New wallet
      </button>
    </div>
  )
}

function InjectedSession(props: FrameProps) {
  const { signer, address } = useSignerFromWagmi()
  return (
    <XMTPProvider url={props.config.nodeUrl} signer={signer} persistence={persistence}>
      <Session {...props} address={address} walletError={undefined} wallet={<WagmiConnectButton />} />
    </XMTPProvider>
  )
}

function Session({
  config,
  page,
  publicClient,
  theme,
  setTheme,
  mode,
  setMode,
  address,
  walletError,
  wallet,
  children,
}: FrameProps & { address: `0x${string}` | undefined; walletError: Error | undefined; wallet: ReactNode }) {
  const xmtp = useClient()
  const [balance, setBalance] = useState<bigint | undefined>(undefined)
  const [toast, setToast] = useState<string | undefined>(undefined)
  const people = useMemo(() => new Map(config.people.map((p) => [p.address.toLowerCase(), p])), [config])
  const person = useCallback((a: string) => people.get(a.toLowerCase()), [people])

  // Names for the demo wallets, "You" for the visitor's own.
  const resolveIdentity = useMemo<IdentityResolver>(
    () => async (a) => {
      if (address && a.toLowerCase() === address.toLowerCase()) return { name: 'You' }
      if (a.toLowerCase() === config.treasury.toLowerCase()) return { name: `${config.token.symbol} treasury` }
      const name = people.get(a.toLowerCase())?.name
      return name ? { name } : null
    },
    [people, address, config],
  )

  const readBalance = useCallback(async () => {
    if (!address) return
    const value = await publicClient.readContract({ address: config.token.address, abi: demoTokenAbi, functionName: 'balanceOf', args: [address] })
    setBalance(value)
  }, [address, publicClient, config.token.address])

  // The faucet, once per wallet and page load, when its XMTP identity exists (so the welcome can reach it).
  const served = useRef(new Set<string>())
  const ready = xmtp.status === 'ready' && xmtp.address !== undefined
  useEffect(() => {
    if (!ready || !xmtp.address || served.current.has(xmtp.address)) return
    served.current.add(xmtp.address)
    requestFaucet(xmtp.address)
      .then(({ sent, balance: after }) => {
        setBalance(BigInt(after))
        if (sent > 0) setToast(`The faucet sent you ${sent} ${config.token.symbol}.`)
      })
      .catch(() => void readBalance().catch(() => undefined))
  }, [ready, xmtp.address, config.token.symbol, readBalance])
  // A broadcast or a transfer elsewhere can change it: read it again now and then.
  useEffect(() => {
    if (!address) return
    void readBalance().catch(() => undefined)
    const timer = setInterval(() => void readBalance().catch(() => undefined), 5_000)
    return () => clearInterval(timer)
  }, [address, readBalance])
  useEffect(() => {
    if (!toast) return
    const timer = setTimeout(() => setToast(undefined), 5_000)
    return () => clearTimeout(timer)
  }, [toast])

  const value = useMemo<DemoContextValue>(
    () => ({
      config,
      publicClient,
      theme,
      person,
      wallet: { kind: mode, address },
      balance,
      formatTokens: (amount) => `${formatTokens(amount, config.token.decimals)} ${config.token.symbol}`,
    }),
    [config, publicClient, theme, person, mode, address, balance],
  )

  return (
    <DemoContext.Provider value={value}>
      <XMTPUIProvider theme={theme} resolveIdentity={resolveIdentity}>
        <div className="xk-root demo" data-theme={theme} data-page={page}>
          <header className="demo-header">
            <a className="demo-brand" href="/">
              <span className="demo-brand__mark" aria-hidden="true" />
              xmtp-kit <span className="demo-brand__tag">demo</span>
            </a>
            <nav className="demo-nav" aria-label="Demo pages">
              <a href="/" aria-current={page === 'destination' ? 'page' : undefined}>
                Destination
              </a>
              <a href="/dapp" aria-current={page === 'dapp' ? 'page' : undefined}>
                Dapp
              </a>
              <a href="/widget">Script tag</a>
            </nav>
            <div className="demo-header__end">
              <ThemeSwitch theme={theme} onChange={setTheme} />
              {balance !== undefined ? (
                <span className="demo-balance" title={`${config.token.symbol} on the local chain`}>
                  {value.formatTokens(balance)}
                </span>
              ) : null}
              {wallet}
              {hasInjectedWallet() ? (
                <button type="button" className="demo-link-button" onClick={() => setMode(mode === 'burner' ? 'injected' : 'burner')}>
                  {mode === 'burner' ? 'Use browser wallet' : 'Use burner wallet'}
                </button>
              ) : null}
            </div>
          </header>
          {walletError ? (
            <p className="demo-alert" role="alert">
              No wallet: {walletError.message}
            </p>
          ) : null}
          {children}
          <footer className="demo-footer">
            <span>
              XMTP node <code>{config.nodeUrl}</code>
            </span>
            <span>
              Chain {config.chainId} · {config.token.symbol} <code title={config.token.address}>{short(config.token.address)}</code>
            </span>
            <span>Everything runs on this machine: no extension, no internet.</span>
          </footer>
          <div className="demo-toast" role="status" data-open={toast ? '' : undefined}>
            {toast}
          </div>
        </div>
      </XMTPUIProvider>
    </DemoContext.Provider>
  )
}

export const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`

const THEMES: { value: Theme; label: string; icon: string }[] = [
  { value: 'light', label: 'Light', icon: '☀' },
  { value: 'system', label: 'System', icon: '◐' },
  { value: 'dark', label: 'Dark', icon: '☾' },
]

function ThemeSwitch({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }) {
  return (
    <div className="demo-theme" role="radiogroup" aria-label="Theme">
      {THEMES.map(({ value, label, icon }) => (
        <button key={value} type="button" role="radio" aria-checked={theme === value} title={label} onClick={() => onChange(value)}>
          <span aria-hidden="true">{icon}</span>
          <span className="demo-visually-hidden">{label}</span>
        </button>
      ))}
    </div>
  )
}
