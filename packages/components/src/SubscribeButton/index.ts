export { SubscribeButton, type SubscribeButtonProps, type SubscribeButtonStatus, type SubscribeProof } from './SubscribeButton.js'
