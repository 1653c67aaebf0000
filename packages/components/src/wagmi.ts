'use client'
// Components wired to wagmi (2 or 3, an optional peer dependency): only this entry point imports it.
export { WagmiConnectButton, type WagmiConnectButtonProps } from './ConnectButton/WagmiConnectButton.js'
