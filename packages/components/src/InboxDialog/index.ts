export { type DialogContainer, InboxDialog, type InboxDialogProps } from './InboxDialog.js'
