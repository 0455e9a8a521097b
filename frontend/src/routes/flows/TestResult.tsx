import { Alert, Badge, Group, Stack, Text } from '@mantine/core'
import classes from './Flows.module.css'
import { deliveryError } from './macros'

/** TestOutcome is what sendTestPostback answered. */
export interface TestOutcome {
  delivered: boolean
  status?: number | null
  error?: string | null
  durationMs: number
  url: string
  body: string
}

/** TestResult shows what the tracker answered to a test call: status, time, the URL called, the body's start, the error in words. */
export function TestResult({ result }: { result: TestOutcome }) {
  const problem = deliveryError(result.error, result.status)
  return (
    <Alert
      color={result.delivered ? 'teal' : 'red'}
      variant="default"
      role="status"
      title={result.delivered ? 'Test delivered' : 'Test failed'}
      data-testid="test-result"
      data-delivered={String(result.delivered)}
    >
      <Stack gap={6}>
        <Group gap="sm">
          <Badge color={result.delivered ? 'teal.9' : 'red.9'} variant="filled" data-testid="test-status">
            {result.status != null ? `HTTP ${String(result.status)}` : 'No answer'}
          </Badge>
          <Text size="sm" data-testid="test-latency">
            {result.durationMs} ms
          </Text>
        </Group>
        {problem && (
          <Text size="sm" fw={600} data-testid="test-error">
            {problem}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Called
        </Text>
        <Text size="xs" className={classes.url} style={{ maxWidth: 'none' }} data-testid="test-url">
          {result.url}
        </Text>
        {result.body !== '' && (
          <>
            <Text size="xs" c="dimmed">
              Answer (first 1 KB)
            </Text>
            <pre className={classes.body} data-testid="test-body">
              {result.body}
            </pre>
          </>
        )}
      </Stack>
    </Alert>
  )
}
