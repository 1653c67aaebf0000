import { KitError } from '@xmtp-kit/client'

/** A hook's action ran before the provider had a client: connect a wallet first (`useClient().connect`). */
export class ClientNotReadyError extends KitError {
  override name = 'ClientNotReadyError' as const
  constructor() {
    super('No XMTP client yet.', { details: 'Connect a wallet first (useClient().connect or <XMTPProvider signer>).' }, 'CLIENT_NOT_READY')
  }
}
