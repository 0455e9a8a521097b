import { Container, Stack, Text, Title } from '@mantine/core'
import { AnchorLink } from './links'
import { useEffect } from 'react'

/**
 * NotFoundPage answers a URL the dashboard has no page for (or one the viewer's role may not use).
 * standalone: shown outside the signed-in layout, so it is the page's <main> itself.
 */
export function NotFoundPage({ standalone = false }: { standalone?: boolean }) {
  useEffect(() => {
    document.title = 'Page not found · cpanet'
  }, [])
  return (
    <Container size="sm" py="xl" component={standalone ? 'main' : 'div'}>
      <Stack gap="md">
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text>There is no page at this address. It may have moved, or the link may be mistyped.</Text>
        <AnchorLink to="/">
          Go to the Overview
        </AnchorLink>
      </Stack>
    </Container>
  )
}
