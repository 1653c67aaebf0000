import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import type { WidgetSigner } from '../types.js'

/** An injected wallet (EIP-1193), e.g. `window.ethereum`. */
export interface InjectedProvider {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>
  on?: (event: 'accountsChanged', listener: (accounts: string[]) => void) => void
  removeListener?: (event: 'accountsChanged', listener: (accounts: string[]) => void) => void
}

interface AnnounceDetail {
  info?: { name?: string }
  provider?: InjectedProvider
}

const isProvider = (value: unknown): value is InjectedProvider => typeof (value as InjectedProvider | undefined)?.request === 'function'

/**
 * Watches for injected wallets: `window.ethereum`, and those announced through EIP-6963 (several extensions at
 * once). Calls `onChange` with the first one found, now and whenever one appears. Returns a stop function.
 */
export function watchInjectedProvider(onChange: (provider: InjectedProvider | undefined) => void): () => void {
  let announced: InjectedProvider | undefined
  const current = () => {
    const injected = (window as { ethereum?: unknown }).ethereum
    return isProvider(injected) ? injected : announced
  }
  const onAnnounce = (event: Event) => {
    const provider = (event as CustomEvent<AnnounceDetail>).detail?.provider
    if (!announced && isProvider(provider)) {
      announced = provider
      onChange(current())
    }
  }
  window.addEventListener('eip6963:announceProvider', onAnnounce)
  window.dispatchEvent(new Event('eip6963:requestProvider'))
  onChange(current())
  return () => window.removeEventListener('eip6963:announceProvider', onAnnounce)
}

/**
 * Asks the wallet for its account (`eth_requestAccounts`: the wallet shows its connect prompt) and returns a
 * signer that signs through `personal_sign` (EIP-191), as wagmi's injected connector and viem's `custom`
 * transport would, in a few hundred bytes instead of tens of kilobytes.
 */
export async function connectInjected(provider: InjectedProvider): Promise<{ address: string; signer: WidgetSigner }> {
  const accounts = await provider.request({ method: 'eth_requestAccounts' })
  const address = Array.isArray(accounts) && typeof accounts[0] === 'string' ? accounts[0] : undefined
  if (!address) throw new Error('The wallet shared no account.')
  return {
    address,
    signer: {
      getAddress: () => address,
      async signMessage(message) {
        const signature = await provider.request({ method: 'personal_sign', params: [`0x${bytesToHex(utf8ToBytes(message))}`, address] })
        if (typeof signature !== 'string') throw new Error('The wallet returned no signature.')
        return signature
      },
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
