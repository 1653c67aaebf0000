import type { Preview } from '@storybook/react-vite'
import { configure } from 'storybook/test'
import '../packages/components/src/styles.css'
import { disposeScenario, NARROW_WIDTH, withFrame, withXMTP, xmtpLoader } from '../stories/support/xmtp.js'

// Live updates cross timers and in-memory round trips; give queries in play functions room on a busy machine.
configure({ asyncUtilTimeout: 5000 })

const preview: Preview = {
  // The last decorator is the outermost: the frame (theme) wraps the provider, which wraps the story.
  decorators: [withXMTP, withFrame],
  loaders: [xmtpLoader],
  beforeEach: disposeScenario,
  globalTypes: {
    theme: {
      description: 'Colour scheme of the components',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'system', title: 'System', icon: 'browser' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    viewport: {
      options: {
        narrow: { name: `Narrow (${NARROW_WIDTH} px)`, styles: { width: `${NARROW_WIDTH}px`, height: '640px' }, type: 'mobile' },
        tablet: { name: 'Tablet (768 px)', styles: { width: '768px', height: '1024px' }, type: 'tablet' },
        desktop: { name: 'Desktop (1280 px)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
      },
    },
    // Every story is checked with axe, and a violation fails its test (`npm test`), not just the panel.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
}

export default preview
