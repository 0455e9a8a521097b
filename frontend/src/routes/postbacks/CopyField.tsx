import { Button, Code, CopyButton, Group, Stack } from '@mantine/core'
import classes from './Postbacks.module.css'

interface CopyFieldProps {
  value: string
  /** label names what is copied, for the button's accessible name ("Copy the postback URL"). */
  label: string
  testId?: string
}

/** CopyField shows a URL in full (wrapped, never sideways) with a Copy button that says when it copied. */
export function CopyField({ value, label, testId }: CopyFieldProps) {
  return (
    <Stack gap={6}>
      <Code block className={classes.codeBlock} data-testid={testId}>
        {value}
      </Code>
      <Group>
        <CopyButton value={value} timeout={2500}>
          {({ copied, copy }) => (
            <Button size="xs" variant="default" onClick={copy} aria-label={copied ? `Copied: ${label}` : `Copy ${label}`}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  )
}
