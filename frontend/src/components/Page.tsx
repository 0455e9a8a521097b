import { Group, Stack, Title } from '@mantine/core'
import { useEffect, type ReactNode } from 'react'

interface PageProps {
  /** title is the page's one <h1> and the start of the document title. */
  title: string
  /** actions sit beside the title (filters, buttons). */
  actions?: ReactNode
  children?: ReactNode
}

/** Page is the frame of every dashboard page: its one <h1>, the document title, its content. */
export function Page({ title, actions, children }: PageProps) {
  useEffect(() => {
    document.title = `${title} · cpanet`
  }, [title])
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" wrap="wrap" gap="sm">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Stack>
  )
}
