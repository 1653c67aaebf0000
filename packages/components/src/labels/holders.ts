/** Labels of the message-holders flow. */
export interface HoldersLabels {
  messageHolders: string
}

export const holdersLabels: HoldersLabels = {
  messageHolders: 'Message holders',
}
