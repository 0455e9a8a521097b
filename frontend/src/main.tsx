import './jitless'
import '@mantine/core/styles.css'
import { Anchor, Combobox, createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core'
import { QueryClientProvider } from '@tanstack/react-query'
import { RouterProvider } from '@tanstack/react-router'
import { startTransition, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createQueryClient } from './api/query'
import { createAppRouter } from './router'
import { loginSearch } from './session/redirect'
import { session } from './session/session'
import './index.css'

const theme = createTheme({
  primaryColor: 'indigo',
  // Darker shades keep text on filled buttons and links above 4.5:1 contrast.
  primaryShade: { light: 7, dark: 4 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
  // Text on filled backgrounds (the active page's link, buttons) turns dark where the fill is light.
  autoContrast: true,
  components: {
    // Links inside text are told apart by more than their color (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // A closed Select/Autocomplete/MultiSelect has no dropdown in the DOM. Mantine keeps it mounted
    // (hidden) by default and positions it with floating-ui on the first render: a forced style
    // recalculation per select in the first commit of every page (Lighthouse's blocking time).
    Combobox: Combobox.extend({ defaultProps: { keepMounted: false } }),
  },
})

// Mantine's dimmed text (gray.6 on white) is below 4.5:1; one shade darker passes WCAG AA. So
// are its form errors (red.6–8): red.9 on white and red.4 on the dark theme pass.
const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: { '--mantine-color-dimmed': t.colors.gray[7], '--mantine-color-error': t.colors.red[9] },
  dark: { '--mantine-color-dimmed': t.colors.dark[1], '--mantine-color-error': t.colors.red[4] },
})

const queryClient = createQueryClient()
const router = createAppRouter({ session, queryClient })

// The end of a session (sign-out, expiry, any UNAUTHENTICATED answer) leads to the sign-in page,
// which brings the viewer back to the page it was on when the session expired.
session.onEnd((reason) => {
  queryClient.clear()
  const here = router.state.location.href
  void router.navigate({
    to: '/login',
    search: reason === 'expired' ? { ...loginSearch(here), reason: 'expired' } : {},
    replace: true,
  })
})

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// The first render is a transition: React renders it in slices of a few milliseconds and lets
// the browser handle input between them, instead of one long task (Lighthouse's TBT on a phone).
const reactRoot = createRoot(root)
startTransition(() => {
  reactRoot.render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto" cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
  )
})
