import { Tabs, Text } from '@mantine/core'
import { getRouteApi } from '@tanstack/react-router'
import { Page } from '../../components/Page'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { seesEveryone } from '../../session/permissions'
import { useViewer } from '../../session/useViewer'
import { IncomingLog } from './IncomingLog'
import { IntegrationHelper } from './IntegrationHelper'
import { OutgoingLog } from './OutgoingLog'
import { TAB_NAMES, currentTab, tabsFor } from './rules'
import { TAB_KEYS, type PostbacksSearch, type PostbacksTab } from './search'

const route = getRouteApi('/app/postbacks')

const INTRO = {
  ADVERTISER: 'Every postback your system sends, good or bad, and how to set one up.',
  PUBLISHER: 'Every call cpanet made to your tracker, and what it answered.',
  ADMIN: 'Postbacks from advertisers, the integration helper, and calls to publishers’ trackers.',
} as const

/** PostbacksPage is `/postbacks`: the incoming postback log and integration helper (advertisers, admin), the outgoing delivery log (publishers, admin). */
export function PostbacksPage() {
  const viewer = useViewer()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const timeZone = useTimezone()
  const locale = useLocale()
  const tabs = tabsFor(viewer.permissions)
  const tab = currentTab(viewer.permissions, search.tab)
  // admin: every advertiser's and publisher's postbacks, with whose they are.
  const admin = seesEveryone(viewer.permissions)

  const go = (patch: Partial<PostbacksSearch>, resetPage = true) => {
    void navigate({
      search: (prev) => {
        const next = { ...prev, ...patch }
        if (resetPage) {
          next.after = undefined
          next.before = undefined
        }
        return next
      },
      resetScroll: false,
    })
  }
  const switchTab = (t: PostbacksTab) => {
    void navigate({
      search: (prev) => {
        const next: PostbacksSearch = { ...prev, tab: t }
        for (const k of TAB_KEYS) next[k] = undefined
        return next
      },
    })
  }

  const panel = (t: PostbacksTab) => {
    switch (t) {
      case 'incoming':
        return <IncomingLog search={search} admin={admin} locale={locale} timeZone={timeZone} go={go} />
      case 'outgoing':
        return <OutgoingLog search={search} admin={admin} locale={locale} timeZone={timeZone} go={go} />
      case 'helper':
        return (
          <IntegrationHelper
            admin={admin}
            advertiser={search.advertiser}
            onAdvertiser={(id) => {
              go({ advertiser: id }, false)
            }}
            locale={locale}
            timeZone={timeZone}
          />
        )
    }
  }

  return (
    <Page title="Postbacks">
      <Text size="sm" c="dimmed" mt={-12}>
        {INTRO[viewer.role]} Times in {timeZone}.
      </Text>
      {tabs.length === 1 ? (
        <section aria-label={TAB_NAMES[tab]}>{panel(tab)}</section>
      ) : (
        <Tabs
          value={tab}
          onChange={(v) => {
            if (v) switchTab(v as PostbacksTab)
          }}
          keepMounted={false}
        >
          <Tabs.List aria-label="Postbacks views">
            {tabs.map((t) => (
              <Tabs.Tab key={t} value={t} data-testid={`tab-${t}`}>
                {TAB_NAMES[t]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value={tab} pt="md">
            {panel(tab)}
          </Tabs.Panel>
        </Tabs>
      )}
    </Page>
  )
}
