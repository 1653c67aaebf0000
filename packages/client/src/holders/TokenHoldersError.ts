import { KitError, type KitErrorParameters } from '../errors/KitError.js'

/** The Transfer logs of a token could not be read (the chain reader failed even on a one-block range), or made no sense. */
export class TokenHoldersError extends KitError {
  override name = 'TokenHoldersError' as const
  /** The token contract. */
  readonly token: string
  /** The block range that failed, inclusive. */
  readonly fromBlock: bigint
  readonly toBlock: bigint

  constructor({ token, fromBlock, toBlock, cause, details }: { token: string; fromBlock: bigint; toBlock: bigint } & Pick<KitErrorParameters, 'cause' | 'details'>) {
    // Addresses and block numbers are public: safe to show.
    super(`Could not read the Transfer logs of token ${token} in blocks ${fromBlock}–${toBlock}.`, { cause, details }, 'TOKEN_HOLDERS_FAILED')
    this.token = token
    this.fromBlock = fromBlock
    this.toBlock = toBlock
  }
}
