import { KitError, type KitErrorParameters } from '../errors/KitError.js'

/** A token balance could not be read (the chain reader threw or answered something else than a bigint). */
export class TokenBalanceError extends KitError {
  override name = 'TokenBalanceError' as const
  /** The token contract. */
  readonly token: string
  /** The wallet whose balance was asked. */
  readonly owner: string

  constructor({ token, owner, cause, details }: { token: string; owner: string } & Pick<KitErrorParameters, 'cause' | 'details'>) {
    // Addresses are public: safe to show.
    super(`Could not read the balance of ${owner} in token ${token}.`, { cause, details }, 'TOKEN_BALANCE_FAILED')
    this.token = token
    this.owner = owner
  }
}
