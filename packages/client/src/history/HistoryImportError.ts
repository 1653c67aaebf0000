import { KitError, type KitErrorParameters } from '../errors/KitError.js'

/**
 * Why a history file was refused:
 * - `malformed`: not a history export, or damaged;
 * - `unsupported-version`: written by a newer version of the kit;
 * - `wrong-wallet`: exported by another wallet;
 * - `tampered`: an encrypted export that does not decrypt (altered, truncated, or not this identity's);
 * - `plain-json-not-allowed`: a plain JSON export, which nothing authenticates, without `allowPlainJson`.
 */
export type HistoryImportErrorReason = 'malformed' | 'unsupported-version' | 'wrong-wallet' | 'tampered' | 'plain-json-not-allowed'

/** A history export could not be imported; nothing was imported. */
export class HistoryImportError extends KitError {
  override name = 'HistoryImportError' as const
  readonly reason: HistoryImportErrorReason

  constructor(reason: HistoryImportErrorReason, shortMessage: string, parameters?: KitErrorParameters) {
    super(shortMessage, parameters, 'HISTORY_IMPORT_FAILED')
    this.reason = reason
  }
}
