import { Anchor, Button, Container, Stack, Text, Title } from '@mantine/core'
import type { ErrorComponentProps } from '@tanstack/react-router'
import { errorMessage } from '../api/errors'

/** RouteError is shown when a page could not be opened at all (the server is down, say). */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Container size="sm" py="xl" component="main">
      <Stack gap="md">
        <Title order={1} size="h2">
          Something went wrong
        </Title>
        <Text role="alert">{errorMessage(error)}</Text>
        <Button
          w="fit-content"
          onClick={() => {
            reset()
            window.location.reload()
          }}
        >
          Try again
        </Button>
        <Anchor href="/">Go to the Overview</Anchor>
      </Stack>
    </Container>
  )
}
