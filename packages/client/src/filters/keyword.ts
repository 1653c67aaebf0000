import { getMessageText } from './getMessageText.js'
import type { SyncInboxFilter } from './types.js'

export interface KeywordOptions {
  /** Default `false`: letters match in any case. */
  caseSensitive?: boolean | undefined
}

/**
 * Passes conversations with a message whose text (see {@link getMessageText}: text, text replies, fallbacks)
 * contains `text`. Both sides are Unicode-normalized (NFC), so composed and decomposed accents match. An
 * empty or blank `text` passes every conversation, as an empty search box shows everything.
 *
 * @throws {TypeError} if `text` is not a string.
 * @example
 * applyInboxFilter(items, keyword('invoice'))
 */
export function keyword(text: string, { caseSensitive = false }: KeywordOptions = {}): SyncInboxFilter {
  if (typeof text !== 'string') throw new TypeError('keyword: text must be a string.')
  const fold = (value: string) => (caseSensitive ? value.normalize('NFC') : value.normalize('NFC').toLowerCase())
  const needle = fold(text)
  if (text.trim() === '') return () => true
  return (item) =>
    item.messages.some((message) => {
      const words = getMessageText(message)
      return words !== undefined && fold(words).includes(needle)
    })
}
