/** Labels of the dialogs, the buttons and the connection status. */
export interface DialogsLabels {
  /** The inbox dialog's title (visually hidden when the inbox shows its own header). */
  dialogTitle: string
  close: string
}

export const dialogsLabels: DialogsLabels = {
  dialogTitle: 'Messages',
  close: 'Close',
}
