import { type Signer, toSigner, type ViemWalletClientLike } from '@xmtp-kit/client'

/**
 * A viem wallet client (what wagmi's `useWalletClient` / `getWalletClient` return) as the `Signer` that
 * `useClient().connect` takes. Outside React, or with wagmi's core actions.
 *
 * @throws {TypeError} when the value is not a wallet client.
 * @example
 * const walletClient = await getWalletClient(config)
 * await connect(walletClientToSigner(walletClient))
 */
export function walletClientToSigner(walletClient: ViemWalletClientLike): Signer {
  return toSigner(walletClient)
}
