import { Alert, Button, Group, Paper, Text } from '@mantine/core'
import { AnchorLink } from './links'
import { errorMessage } from '../api/errors'

interface ErrorStateProps {
  error: unknown
  /** what failed, in words ("Could not load today's numbers"). */
  title: string
  onRetry?: () => void
}

/** ErrorState says in words what could not be loaded, and offers to try again. */
export function ErrorState({ error, title, onRetry }: ErrorStateProps) {
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Group justify="space-between" gap="sm">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  )
}

interface EmptyStateProps {
  title: string
  text: string
  /** next is the next step to take: a link to the page where it is done (and its search, e.g. a tab). */
  next?: { to: string; label: string; search?: Record<string, string> }
}

/** EmptyState says there is nothing to show yet, and what to do next. */
export function EmptyState({ title, text, next }: EmptyStateProps) {
  return (
    <Paper withBorder p="lg" radius="md">
      <Text fw={600}>{title}</Text>
      <Text size="sm" c="dimmed" mt={4}>
        {text}
      </Text>
      {next && (
        <AnchorLink to={next.to} search={next.search} mt="sm" display="inline-block">
          {next.label}
        </AnchorLink>
      )}
    </Paper>
  )
}
