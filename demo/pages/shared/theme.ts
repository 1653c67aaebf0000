import type { Theme } from '@xmtp-kit/components'
import { useCallback, useEffect, useState } from 'react'

const STORAGE_KEY = 'xmtp-kit-demo:theme'

function saved(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

/**
 * The page's theme, shared with the kit's components: `light`, `dark` or `system`. Saved per browser; `/theme.js`
 * applies it before the page paints.
 */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setThemeState] = useState<Theme>(saved)
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme
    else document.documentElement.dataset.theme = theme
  }, [theme])
  const setTheme = useCallback((next: Theme) => {
    setThemeState(next)
    try {
      if (next === 'system') localStorage.removeItem(STORAGE_KEY)
      else localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // Storage blocked: the choice lasts for this page.
    }
  }, [])
  return [theme, setTheme]
}
