export { type ConnectionBannerStatus, ConnectionStatus, type ConnectionStatusProps } from './ConnectionStatus.js'
