export { MessageButton, type MessageButtonProps, type MessageButtonStatus } from './MessageButton.js'
