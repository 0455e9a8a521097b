import { Alert, Button, Group, NativeSelect, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core'
import { RelayPager } from '../../components/RelayPager'
import { useDebouncedCallback } from '@mantine/hooks'
import { getRouteApi } from '@tanstack/react-router'
import { useMemo, useState } from 'react'
import { useGraphQLQuery } from '../../api/query'
import { Page } from '../../components/Page'
import { EmptyState, ErrorState } from '../../components/StatusViews'
import type { UserRowFragment } from '../../gql/graphql'
import { formatCount } from '../../format/money'
import { useLocale, useTimezone } from '../../preferences/timezone'
import { useViewer } from '../../session/useViewer'
import { CreateUserModal } from './CreateUserModal'
import { ROLE_NAMES, SORT_LABELS, STATUS_NAMES, orderBy, pageArgs, userWhere, type StatusChange } from './filters'
import { pendingSignupsQuery, usersListQuery } from './operations'
import { PendingSignups } from './PendingSignups'
import { DEFAULT_PAGE_SIZE, FILTER_KEYS, PAGE_SIZES, ROLES, SORTS, STATUSES, type UsersSearch } from './search'
import { StatusConfirm } from './StatusConfirm'
import { UserDrawer } from './UserDrawer'
import { UsersTable } from './UsersTable'
import classes from './Users.module.css'

const route = getRouteApi('/app/users')

/** PENDING_SHOWN is how many waiting sign-ups the page lists above the others. */
const PENDING_SHOWN = 5

/** UsersPage is `/users` (admin): pending sign-ups first, the list with search and filters, creating users, the side panel of one. */
export function UsersPage() {
  const viewer = useViewer()
  const search = route.useSearch()
  const navigate = route.useNavigate()
  const timeZone = useTimezone()
  const locale = useLocale()

  const size = search.size ?? DEFAULT_PAGE_SIZE
  const sort = search.sort ?? 'newest'
  const listVars = useMemo(() => ({ ...pageArgs(search, size), where: userWhere(search), orderBy: orderBy(sort) }), [search, size, sort])
  const list = useGraphQLQuery(usersListQuery, listVars, { placeholderData: (prev) => prev })
  const pending = useGraphQLQuery(pendingSignupsQuery, { first: PENDING_SHOWN })

  const rows = useMemo(() => (list.data?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])), [list.data])
  const pendingRows = useMemo(() => (pending.data?.users.edges ?? []).flatMap((e) => (e?.node ? [e.node] : [])), [pending.data])
  const pendingTotal = pending.data?.users.totalCount ?? 0

  const [statusChange, setStatusChange] = useState<{ user: UserRowFragment; change: StatusChange } | null>(null)
  const [created, setCreated] = useState<UserRowFragment | null>(null)
  const [changed, setChanged] = useState<string | null>(null)

  const go = (patch: Partial<UsersSearch>, resetPage = true) => {
    void navigate({
      search: (prev) => {
        const next = { ...prev, ...patch }
        if (resetPage) {
          next.after = undefined
          next.before = undefined
        }
        return next
      },
    })
  }
  const [q, setQ] = useState(search.q ?? '')
  const pushQ = useDebouncedCallback((value: string) => {
    go({ q: value.trim() === '' ? undefined : value.trim() })
  }, 350)

  const open = (id: string) => {
    go({ user: id }, false)
  }
  const onStatus = (user: UserRowFragment, change: StatusChange) => {
    setChanged(null)
    setStatusChange({ user, change })
  }

  const pageInfo = list.data?.users.pageInfo
  const total = list.data?.users.totalCount ?? 0
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined)
  const showPending = pendingTotal > 0 && search.status !== 'PENDING' && !search.before && !search.after

  return (
    <Page
      title="Users"
      actions={
        <Button
          onClick={() => {
            setCreated(null)
            go({ create: 1 }, false)
          }}
          aria-haspopup="dialog"
        >
          New user
        </Button>
      }
    >
      <Text size="sm" c="dimmed" mt={-12}>
        Advertisers, publishers and admins of the network. Dates in {timeZone}.
      </Text>

      {created && (
        <Alert
          color="green"
          variant="default"
          role="status"
          title="User created"
          data-testid="user-created"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => {
            setCreated(null)
          }}
        >
          <Group gap="xs">
            <Text size="sm">
              {created.email} can sign in now as {ROLE_NAMES[created.role].toLowerCase()}.
            </Text>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => {
                open(created.id)
              }}
            >
              Open its details
            </Button>
          </Group>
        </Alert>
      )}
      {changed && (
        <Alert
          color="green"
          variant="default"
          role="status"
          data-testid="status-changed"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => {
            setChanged(null)
          }}
        >
          {changed}
        </Alert>
      )}

      {pending.isError && (
        <ErrorState
          title="Could not load the sign-ups waiting for approval"
          error={pending.error}
          onRetry={() => {
            void pending.refetch()
          }}
        />
      )}
      {showPending && (
        <PendingSignups
          rows={pendingRows}
          total={pendingTotal}
          approvalRequired={pending.data?.settings.requirePublisherApproval ?? false}
          showingAll={search.status === 'PENDING'}
          viewerId={viewer.id}
          locale={locale}
          timeZone={timeZone}
          onShowAll={() => {
            go({ status: 'PENDING' })
          }}
          onOpen={open}
          onStatus={onStatus}
        />
      )}

      <Stack gap="md" component="section" aria-labelledby="all-users-title">
        <Title order={2} size="h4" id="all-users-title">
          All users
        </Title>
        <div className={classes.filters} role="search" aria-label="Filter the users">
          <TextInput
            label="Find a user"
            description="Part of the name or email"
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value)
              pushQ(e.currentTarget.value)
            }}
            placeholder="pub@ or Acme"
            maxLength={200}
          />
          <NativeSelect
            label="Account type"
            value={search.role ?? ''}
            data={[{ value: '', label: 'Everyone' }, ...ROLES.map((r) => ({ value: r, label: `${ROLE_NAMES[r]}s` }))]}
            onChange={(e) => {
              const v = e.currentTarget.value
              go({ role: v === '' ? undefined : (v as UsersSearch['role']) })
            }}
          />
          <NativeSelect
            label="Status"
            value={search.status ?? ''}
            data={[
              { value: '', label: 'All statuses' },
              ...STATUSES.map((s) => ({
                value: s,
                label: s === 'PENDING' && pending.data ? `${STATUS_NAMES[s]} (${formatCount(pendingTotal, locale)})` : STATUS_NAMES[s],
              })),
            ]}
            onChange={(e) => {
              const v = e.currentTarget.value
              go({ status: v === '' ? undefined : (v as UsersSearch['status']) })
            }}
          />
          <NativeSelect
            label="Trusted"
            value={search.trusted ?? ''}
            data={[
              { value: '', label: 'Any' },
              { value: 'yes', label: 'Trusted publishers' },
              { value: 'no', label: 'Not trusted' },
            ]}
            onChange={(e) => {
              const v = e.currentTarget.value
              go({ trusted: v === '' ? undefined : (v as 'yes' | 'no') })
            }}
          />
        </div>

        <Group justify="space-between" gap="sm" align="flex-end">
          <Group gap="sm" align="baseline">
            <Text size="sm" aria-live="polite" data-testid="users-total">
              {list.data ? `${formatCount(total, locale)} ${total === 1 ? 'user' : 'users'}` : 'Loading…'}
            </Text>
            {filtered && (
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => {
                  setQ('')
                  go({ q: undefined, role: undefined, status: undefined, trusted: undefined })
                }}
              >
                Clear filters
              </Button>
            )}
          </Group>
          <Group gap="sm" align="flex-end">
            <NativeSelect
              label="Sort"
              size="xs"
              w={150}
              value={sort}
              data={SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
              onChange={(e) => {
                go({ sort: e.currentTarget.value as UsersSearch['sort'] })
              }}
            />
            <NativeSelect
              label="Rows per page"
              size="xs"
              w={110}
              value={String(size)}
              data={PAGE_SIZES.map((n) => String(n))}
              onChange={(e) => {
                go({ size: Number(e.currentTarget.value) })
              }}
            />
          </Group>
        </Group>

        {list.isError ? (
          <ErrorState
            title="Could not load the users"
            error={list.error}
            onRetry={() => {
              void list.refetch()
            }}
          />
        ) : !list.data ? (
          <Stack gap={6} aria-busy="true" aria-label="Loading the users">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} h={28} />
            ))}
          </Stack>
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState title="No users match these filters" text="Search for part of the name or email, or clear a filter." />
          ) : (
            <EmptyState title="No users yet" text="Create the first advertiser or publisher with “New user”." />
          )
        ) : (
          <UsersTable
            rows={rows}
            viewerId={viewer.id}
            locale={locale}
            timeZone={timeZone}
            caption={`Users, ${SORT_LABELS[sort].toLowerCase()}`}
            onOpen={open}
            onStatus={onStatus}
          />
        )}

        <RelayPager pageInfo={pageInfo} cursors={search} onPage={(c) => {
            go(c, false)
          }}
        />
      </Stack>

      {search.create === 1 && (
        <CreateUserModal
          onClose={() => {
            go({ create: undefined }, false)
          }}
          onCreated={(u) => {
            setCreated(u)
            go({ create: undefined }, false)
          }}
        />
      )}
      {statusChange && (
        <StatusConfirm
          user={statusChange.user}
          change={statusChange.change}
          onClose={() => {
            setStatusChange(null)
          }}
          onDone={(u) => {
            setStatusChange(null)
            setChanged(`${u.email} is now ${STATUS_NAMES[u.status].toLowerCase()}.`)
          }}
        />
      )}
      <UserDrawer
        id={search.user ?? null}
        viewerId={viewer.id}
        locale={locale}
        timeZone={timeZone}
        onClose={() => {
          go({ user: undefined }, false)
        }}
        onStatus={onStatus}
      />
    </Page>
  )
}
