import { Tabs } from '@mantine/core'
import { getRouteApi } from '@tanstack/react-router'
import { Page } from '../../components/Page'
import { useViewer } from '../../session/useViewer'
import { ApiTokens } from './ApiTokens'
import { NetworkSettings } from './NetworkSettings'
import { PostbackKey, PostbackSecret } from './PostbackSections'
import { ProfileSettings } from './ProfileSettings'
import { SECTION_LABELS, sectionShown, sectionsFor, type Section } from './search'

const route = getRouteApi('/app/settings')

/**
 * SettingsPage is `/settings` (SPEC §7): the network's settings for the admin; everyone's profile,
 * password and API tokens; an advertiser's postback key; a publisher's postback signing secret.
 * The tab is in the URL (?section=tokens); a viewer sees only the tabs the API lets it use.
 */
export function SettingsPage() {
  const viewer = useViewer()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const sections = sectionsFor(viewer)
  const section = sectionShown(viewer, search.section)

  const panel = (s: Section) => {
    switch (s) {
      case 'network':
        return <NetworkSettings />
      case 'profile':
        return <ProfileSettings />
      case 'tokens':
        return (
          <ApiTokens
            viewerId={viewer.id}
            showRevoked={search.revoked ?? false}
            onShowRevoked={(revoked) => {
              void navigate({ search: (p) => ({ ...p, revoked: revoked || undefined }), replace: true, resetScroll: false })
            }}
          />
        )
      case 'postback-key':
        return <PostbackKey />
      case 'postback-secret':
        return <PostbackSecret />
    }
  }

  return (
    <Page title="Settings">
      <Tabs
        value={section}
        keepMounted={false}
        onChange={(v) => {
          if (v) void navigate({ search: (p) => ({ ...p, section: v as Section }), resetScroll: false })
        }}
      >
        <Tabs.List aria-label="Settings sections">
          {sections.map((s) => (
            <Tabs.Tab key={s} value={s} data-testid={`tab-${s}`}>
              {SECTION_LABELS[s]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {sections.map((s) => (
          <Tabs.Panel key={s} value={s} pt="lg">
            {panel(s)}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  )
}
