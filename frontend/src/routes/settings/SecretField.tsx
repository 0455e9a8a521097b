import { Button, CopyButton, Group, Text } from '@mantine/core'
import { useState } from 'react'
import { maskSecret } from './tokens'
import classes from './Settings.module.css'

interface SecretFieldProps {
  /** label names the secret for the buttons ("postback key"). */
  label: string
  value: string
  /** masked starts the value hidden, with a Show button. */
  masked?: boolean
  /** hiddenText is what a masked value shows while hidden (default: its last four characters). */
  hiddenText?: string
  testId?: string
}

/** SecretField shows a secret (masked until asked, if masked) with Show/Hide and Copy buttons. */
export function SecretField({ label, value, masked = false, hiddenText, testId }: SecretFieldProps) {
  const [shown, setShown] = useState(!masked)
  return (
    <Group gap="xs" wrap="nowrap" align="center">
      <Text
        ff="monospace"
        size="sm"
        className={classes.wrap}
        style={{ flex: 1, minWidth: 0 }}
        data-testid={testId}
        data-shown={shown}
        aria-label={shown ? undefined : `${label}, hidden`}
      >
        {shown ? value : (hiddenText ?? maskSecret(value))}
      </Text>
      {masked && (
        <Button
          size="xs"
          variant="default"
          aria-pressed={shown}
          aria-label={`${shown ? 'Hide' : 'Show'} the ${label}`}
          onClick={() => {
            setShown((s) => !s)
          }}
        >
          {shown ? 'Hide' : 'Show'}
        </Button>
      )}
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Button
            size="xs"
            variant="default"
            onClick={copy}
            aria-label={copied ? `Copied the ${label}` : `Copy the ${label}`}
            data-testid={testId ? `${testId}-copy` : undefined}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        )}
      </CopyButton>
    </Group>
  )
}
