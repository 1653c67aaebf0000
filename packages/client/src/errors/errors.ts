import { KitError, type KitErrorParameters } from './KitError.js'

/** A value could not be decoded (malformed protobuf, wrong lengths, unknown versions). */
export class DecodeError extends KitError {
  override name = 'DecodeError' as const
  constructor(what: string, parameters?: KitErrorParameters) {
    super(`Could not decode ${what}.`, parameters, 'DECODE_FAILED')
  }
}

/** A signature did not verify, or recovered to an unexpected signer. */
export class SignatureError extends KitError {
  override name = 'SignatureError' as const
  constructor(shortMessage: string, parameters?: KitErrorParameters) {
    super(shortMessage, parameters, 'SIGNATURE_INVALID')
  }
}

/** Authenticated decryption failed: wrong key or tampered ciphertext. */
export class DecryptionError extends KitError {
  override name = 'DecryptionError' as const
  constructor(shortMessage = 'Decryption failed: the key is wrong or the ciphertext was tampered with.', parameters?: KitErrorParameters) {
    super(shortMessage, parameters, 'DECRYPTION_FAILED')
  }
}

/** Not a 20-byte hex Ethereum address. */
export class InvalidAddressError extends KitError {
  override name = 'InvalidAddressError' as const
  constructor(address: string) {
    // Addresses are public: safe to show.
    super(`Address "${address}" is invalid.`, { details: 'Expected 0x followed by 40 hexadecimal characters.' }, 'INVALID_ADDRESS')
  }
}

/** The wallet refused or failed to sign. */
export class SignerError extends KitError {
  override name = 'SignerError' as const
  constructor(shortMessage: string, parameters?: KitErrorParameters) {
    super(shortMessage, parameters, 'SIGNER_FAILED')
  }
}

/** The node answered with an error, or could not be reached. */
export class TransportError extends KitError {
  override name = 'TransportError' as const
  /** gRPC status code from the node's `{code, message}` body; `undefined` for network failures. */
  readonly grpcCode: number | undefined
  /** HTTP status; `undefined` for network failures. */
  readonly status: number | undefined

  constructor(
    shortMessage: string,
    { grpcCode, status, ...parameters }: KitErrorParameters & { grpcCode?: number; status?: number } = {},
  ) {
    super(shortMessage, parameters, grpcCode === 16 ? 'UNAUTHENTICATED' : status === undefined ? 'NETWORK_ERROR' : 'NODE_ERROR')
    this.grpcCode = grpcCode
    this.status = status
  }
}

/** A payload exceeded a protocol size limit. */
export class PayloadTooLargeError extends KitError {
  override name = 'PayloadTooLargeError' as const
  constructor(what: string, size: number, max: number) {
    super(`${what} is too large.`, { details: `${size} bytes; the limit is ${max} bytes.` }, 'PAYLOAD_TOO_LARGE')
  }
}

/** The operation was aborted through its AbortSignal. */
export class AbortError extends KitError {
  override name = 'AbortError' as const
  constructor() {
    super('The operation was aborted.', {}, 'ABORTED')
  }
}

/** The stored keys could not be loaded (wrong wallet, corrupt or unsupported bundle). */
export class KeystoreError extends KitError {
  override name = 'KeystoreError' as const
  constructor(shortMessage: string, parameters?: KitErrorParameters) {
    super(shortMessage, parameters, 'KEYSTORE_FAILED')
  }
}
