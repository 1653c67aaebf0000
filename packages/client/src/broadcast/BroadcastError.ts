import { KitError, type KitErrorParameters } from '../errors/KitError.js'

/** Sending to one recipient of a broadcast failed for a reason that is not itself a `KitError` (see `cause`). */
export class BroadcastError extends KitError {
  override name = 'BroadcastError' as const
  /** The recipient. */
  readonly address: string

  constructor({ address, cause, details }: { address: string } & Pick<KitErrorParameters, 'cause' | 'details'>) {
    // Addresses are public: safe to show. The cause is kept as is, never copied into the message.
    super(`Could not send to ${address}.`, { cause, details }, 'BROADCAST_FAILED')
    this.address = address
  }
}
