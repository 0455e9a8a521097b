import { Button, Group } from '@mantine/core'

/** Cursors is a Relay connection's paging position as a page keeps it in its URL. */
export interface Cursors {
  after?: string
  before?: string
}

interface RelayPagerProps {
  /** pageInfo is the connection's answer (undefined while loading). */
  pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor?: string | null; endCursor?: string | null } | null | undefined
  /** cursors is where the page is now. */
  cursors: Cursors
  /** onPage moves to the previous or next page. */
  onPage: (cursors: Cursors) => void
}

/** RelayPager is the Previous / Next buttons of a page through a Relay connection. */
export function RelayPager({ pageInfo, cursors, onPage }: RelayPagerProps) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button
        variant="default"
        disabled={cursors.before ? !pageInfo?.hasPreviousPage : cursors.after === undefined}
        onClick={() => {
          onPage({ before: pageInfo?.startCursor ?? undefined, after: undefined })
        }}
      >
        Previous page
      </Button>
      <Button
        variant="default"
        disabled={!pageInfo?.hasNextPage && !cursors.before}
        onClick={() => {
          onPage({ after: pageInfo?.endCursor ?? undefined, before: undefined })
        }}
      >
        Next page
      </Button>
    </Group>
  )
}
