/**
 * What the kit needs from a wallet: its address and EIP-191 `personal_sign` of a text, returning the
 * 65-byte `r‖s‖v` signature as 0x-hex. Any EIP-1193 wallet, viem account or wagmi wallet client fits.
 */
export interface Signer {
  getAddress(): Promise<string> | string
  signMessage(message: string): Promise<string>
}
