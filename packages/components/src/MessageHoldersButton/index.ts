export { MessageHoldersButton, type MessageHoldersButtonProps } from './MessageHoldersButton.js'
export type { HoldersList, HoldersToken } from './useHoldersBroadcast.js'
