import type { DecodedMessage } from '../conversations/types.js'

/** Whether this wallet sent `message`: `fromMe`, or a sender address equal to `myAddress` in any case. */
export const isMyMessage = (message: DecodedMessage, myAddress: string): boolean =>
  message.fromMe || message.senderAddress.toLowerCase() === myAddress.toLowerCase()
