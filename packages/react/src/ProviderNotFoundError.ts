import { KitError } from '@xmtp-kit/client'

/** No `<XMTPProvider>` above the component that called a hook. */
export class ProviderNotFoundError extends KitError {
  override name = 'ProviderNotFoundError' as const
  constructor() {
    super('No XMTPProvider above this component.', { details: 'Wrap the app in <XMTPProvider>.' }, 'PROVIDER_NOT_FOUND')
  }
}
