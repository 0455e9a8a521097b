import { AppShell, Avatar, Badge, Box, Burger, Button, Group, Menu, ScrollArea, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Link, Outlet, useRouterState } from '@tanstack/react-router'
import { useEffect, useRef, useState } from 'react'
import { useDeferredMount } from '../deferred'
import { session } from '../../session/session'
import { useViewer } from '../../session/useViewer'
import { NavLinkItem } from '../links'
import { isActive, navigationFor } from './navigation'
import { ThemeToggle } from './ThemeToggle'
import { TimezoneSelect } from './TimezoneSelect'
import classes from './AppLayout.module.css'

const roleNames = { ADMIN: 'Admin', ADVERTISER: 'Advertiser', PUBLISHER: 'Publisher' } as const

/** initials are the first letters of the first two words of name ("Demo Publisher": "DP"). */
function initials(name: string): string {
  return name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('')
}

/**
 * useFocusOnNavigation moves the focus to the page's content after a navigation within the app
 * (not on the first load), so keyboard and screen reader users start at the new page, as they
 * would after a full page load.
 */
function useFocusOnNavigation(pathname: string) {
  const previous = useRef(pathname)
  useEffect(() => {
    if (previous.current === pathname) return
    previous.current = pathname
    document.getElementById('main')?.focus({ preventScroll: true })
  }, [pathname])
}

/** AppLayout is the signed-in dashboard: header, role-aware navigation and the page. */
export function AppLayout() {
  const viewer = useViewer()
  const [opened, { toggle, close }] = useDisclosure(false)
  const pathname = useRouterState({ select: (s) => s.location.pathname })
  useFocusOnNavigation(pathname)
  const items = navigationFor(viewer.permissions)
  const displayName = viewer.name || viewer.email
  // The header's selects and menu and the navigation come in the render after the first paint
  // (useDeferredMount); until then boxes of their size hold their places.
  const full = useDeferredMount()
  // A click on the account button before its menu is built opens the menu once it is.
  const [menuAsked, setMenuAsked] = useState(false)
  const accountButton = (props: { 'data-testid'?: string; onClick?: () => void }) => (
    <Button
      variant="default"
      px="xs"
      {...props}
      leftSection={
        <Avatar size={26} radius="xl" color="indigo.7" variant="filled">
          {initials(displayName)}
        </Avatar>
      }
    >
      <Text span size="sm" maw={160} truncate="end" visibleFrom="sm">
        {displayName}
      </Text>
      <VisuallyHidden>account menu</VisuallyHidden>
    </Button>
  )

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <a className={classes.skipLink} href="#main">
        Skip to content
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="navigation"
            />
            <UnstyledButton component={Link} to="/" className={classes.brand} aria-label="cpanet, go to the Overview">
              cpanet
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Box visibleFrom="md">
              {full ? <TimezoneSelect id="timezone-header" compact /> : <Box w={220} h={36} />}
            </Box>
            <ThemeToggle />
            {full ? (
              <Menu position="bottom-end" width={260} withinPortal defaultOpened={menuAsked}>
                <Menu.Target>{accountButton({ 'data-testid': 'user-menu' })}</Menu.Target>
                <Menu.Dropdown>
                  <Menu.Label>
                    <Text size="sm" fw={600} c="var(--mantine-color-text)" data-testid="email">
                      {viewer.email}
                    </Text>
                    <Text size="xs" data-testid="role" data-role={viewer.role}>
                      {roleNames[viewer.role]}
                    </Text>
                  </Menu.Label>
                  <Menu.Item component={Link} to="/settings">
                    Profile and settings
                  </Menu.Item>
                  <Menu.Divider />
                  <Menu.Item
                    color="red"
                    onClick={() => {
                      session.signOut()
                    }}
                  >
                    Sign out
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : (
              accountButton({
                onClick: () => {
                  setMenuAsked(true)
                },
              })
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="navigation" aria-label="Main">
        {full && (
          <>
            <AppShell.Section grow component={ScrollArea}>
              <div>
                {items.map((item) => (
                  <NavLinkItem
                    key={item.to}
                    to={item.to}
                    label={item.label}
                    active={isActive(item.to, pathname)}
                    variant="filled"
                    className={classes.navLink}
                    aria-current={isActive(item.to, pathname) ? 'page' : undefined}
                    onClick={close}
                  />
                ))}
              </div>
            </AppShell.Section>
            <AppShell.Section hiddenFrom="md" pt="sm">
              <TimezoneSelect id="timezone-navbar" w="100%" />
            </AppShell.Section>
            <AppShell.Section pt="sm">
              <Badge variant="light" data-testid="role-badge">
                {roleNames[viewer.role]}
              </Badge>
            </AppShell.Section>
          </>
        )}
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  )
}
