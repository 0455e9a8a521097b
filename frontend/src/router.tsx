import type { QueryClient } from '@tanstack/react-query'
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  Outlet,
  redirect,
} from '@tanstack/react-router'
import { AppLayout } from './components/AppLayout/AppLayout'
import { mayOpen } from './components/AppLayout/navigation'
import { NotFoundPage } from './components/NotFoundPage'
import { balanceSearchSchema } from './routes/balance/search'
import { conversionsSearchSchema } from './routes/conversions/search'
import { flowSearchSchema, flowsSearchSchema } from './routes/flows/search'
import { loginSearchSchema } from './routes/login/search'
import { postbacksSearchSchema } from './routes/postbacks/search'
import { offerSearchSchema, offersSearchSchema } from './routes/offers/search'
import { settingsSearchSchema } from './routes/settings/search'
import { statisticsSearchSchema } from './routes/statistics/search'
import { usersSearchSchema } from './routes/users/search'
import { loginSearch, safeRedirect } from './session/redirect'
import type { SessionStore, Viewer } from './session/session'
import { PageLoader } from './components/PageLoader'
import { RouteError } from './components/RouteError'

/** RouterContext is what every route's beforeLoad can read. */
export interface RouterContext {
  session: SessionStore
  queryClient: QueryClient
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => <NotFoundPage standalone />,
  errorComponent: RouteError,
})

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: loginSearchSchema,
  beforeLoad: async ({ context, search }) => {
    const viewer = await context.session.restore().catch(() => null)
    if (viewer) throw redirect({ href: safeRedirect(search.redirect), replace: true })
  },
  component: lazyRouteComponent(() => import('./routes/login/LoginPage'), 'LoginPage'),
})

/** appRoute holds every signed-in page: it restores the session or sends the viewer to sign in. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }): Promise<{ viewer: Viewer }> => {
    const viewer = await context.session.restore()
    if (!viewer) throw redirect({ to: '/login', search: loginSearch(location.href), replace: true })
    return { viewer }
  },
  component: AppLayout,
  notFoundComponent: () => <NotFoundPage />,
})

/** guard makes a page the viewer may not use (it has no link to it) answer "Page not found". */
function guard(viewer: Viewer, path: string) {
  if (!mayOpen(viewer.permissions, path)) throw notFound()
}

const overviewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./routes/overview/OverviewPage'), 'OverviewPage'),
})

const statisticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'statistics',
  validateSearch: statisticsSearchSchema,
  component: lazyRouteComponent(() => import('./routes/statistics/StatisticsPage'), 'StatisticsPage'),
})

const conversionsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'conversions',
  validateSearch: conversionsSearchSchema,
  component: lazyRouteComponent(() => import('./routes/conversions/ConversionsPage'), 'ConversionsPage'),
})

const offersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'offers',
  validateSearch: offersSearchSchema,
  component: lazyRouteComponent(() => import('./routes/offers/OffersPage'), 'OffersPage'),
})

const offerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'offers/$offerId',
  validateSearch: offerSearchSchema,
  component: lazyRouteComponent(() => import('./routes/offers/OfferPage'), 'OfferPage'),
})

const flowsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'flows',
  validateSearch: flowsSearchSchema,
  beforeLoad: ({ context }) => {
    guard(context.viewer, '/flows')
  },
  component: lazyRouteComponent(() => import('./routes/flows/FlowsPage'), 'FlowsPage'),
})

const flowRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'flows/$flowId',
  validateSearch: flowSearchSchema,
  beforeLoad: ({ context }) => {
    guard(context.viewer, '/flows')
  },
  component: lazyRouteComponent(() => import('./routes/flows/FlowPage'), 'FlowPage'),
})

const balanceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'balance',
  validateSearch: balanceSearchSchema,
  beforeLoad: ({ context }) => {
    guard(context.viewer, '/balance')
  },
  component: lazyRouteComponent(() => import('./routes/balance/BalancePage'), 'BalancePage'),
})

const postbacksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'postbacks',
  validateSearch: postbacksSearchSchema,
  component: lazyRouteComponent(() => import('./routes/postbacks/PostbacksPage'), 'PostbacksPage'),
})

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'users',
  validateSearch: usersSearchSchema,
  beforeLoad: ({ context }) => {
    guard(context.viewer, '/users')
  },
  component: lazyRouteComponent(() => import('./routes/users/UsersPage'), 'UsersPage'),
})

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'settings',
  validateSearch: settingsSearchSchema,
  component: lazyRouteComponent(() => import('./routes/settings/SettingsPage'), 'SettingsPage'),
})

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    overviewRoute,
    statisticsRoute,
    conversionsRoute,
    offersRoute,
    offerRoute,
    flowsRoute,
    flowRoute,
    balanceRoute,
    postbacksRoute,
    usersRoute,
    settingsRoute,
  ]),
])

/** createAppRouter builds the dashboard's router over the session and the query client. */
export function createAppRouter(context: RouterContext) {
  return createRouter({
    routeTree,
    context,
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
    defaultNotFoundComponent: () => <NotFoundPage standalone />,
    // A page's code still loading after 400 ms shows a loader instead of the old page.
    defaultPendingMs: 400,
    defaultPendingComponent: PageLoader,
  })
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}
