export { RequestBanner, type RequestBannerProps } from './RequestBanner.js'
