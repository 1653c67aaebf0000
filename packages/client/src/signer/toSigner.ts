import { SignerError } from '../errors/errors.js'
import type { Signer } from './types.js'

type Hex = `0x${string}`

/** A viem `Account` (e.g. `privateKeyToAccount`, or any local or JSON-RPC account with `signMessage`). */
export interface ViemAccountLike {
  address: Hex
  signMessage?: ((args: { message: string }) => Promise<Hex>) | undefined
}

/** A viem `WalletClient`, as wagmi's `useWalletClient` returns it. */
export interface ViemWalletClientLike {
  account?: ViemAccountLike | undefined
  // `account: never`: viem's `signMessage` takes its own `Account` type, which this structural type cannot
  // name; with a wider type here a real `WalletClient` would not be assignable under strictFunctionTypes.
  signMessage(args: { account: never; message: string }): Promise<Hex>
  getAddresses?(): Promise<readonly Hex[]>
}

const isWalletClient = (value: ViemAccountLike | ViemWalletClientLike): value is ViemWalletClientLike =>
  !('address' in value) && typeof value.signMessage === 'function'

/**
 * Adapts a viem `WalletClient` (wagmi's wallet client plugs in directly) or a viem `Account` to a
 * {@link Signer}.
 *
 * @throws {TypeError} when the value is neither.
 * @example
 * const signer = toSigner(privateKeyToAccount(key))
 * const { data: walletClient } = useWalletClient(); const signer = toSigner(walletClient)
 */
export function toSigner(source: ViemAccountLike | ViemWalletClientLike): Signer {
  if (isWalletClient(source)) {
    const client = source
    const account = async (): Promise<ViemAccountLike | Hex> => {
      if (client.account) return client.account
      const [address] = (await client.getAddresses?.()) ?? []
      if (!address) throw new SignerError('The wallet client has no account.')
      return address
    }
    return {
      async getAddress() {
        const a = await account()
        return typeof a === 'string' ? a : a.address
      },
      async signMessage(message) {
        return client.signMessage({ account: (await account()) as never, message })
      },
    }
  }
  if (typeof source === 'object' && source !== null && typeof source.address === 'string') {
    const { signMessage } = source
    if (!signMessage) throw new TypeError('toSigner: the account cannot sign messages (it has no signMessage).')
    return {
      getAddress: () => source.address,
      signMessage: (message) => signMessage({ message }),
    }
  }
  throw new TypeError('toSigner: expected a viem WalletClient or Account.')
}
