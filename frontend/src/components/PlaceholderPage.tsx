import { Paper, Text } from '@mantine/core'
import { AnchorLink } from './links'
import type { ReactNode } from 'react'
import { Page } from './Page'

interface PlaceholderPageProps {
  title: string
  /** what says what the page will do. */
  what: string
  children?: ReactNode
}

/** PlaceholderPage stands for a page that comes in the dashboard's next part. */
export function PlaceholderPage({ title, what, children }: PlaceholderPageProps) {
  return (
    <Page title={title}>
      <Paper withBorder p="lg" radius="md">
        <Text>{what}</Text>
        {children}
        <Text c="dimmed" size="sm" mt="md">
          This page is being built. Meanwhile the{' '}
          <AnchorLink to="/">
            Overview
          </AnchorLink>{' '}
          shows your numbers.
        </Text>
      </Paper>
    </Page>
  )
}
