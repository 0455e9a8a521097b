import { Button, Group, Text, TextInput } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'

interface CopyFieldProps {
  /** label names the read-only field ("Tracking link"). */
  label: string
  value: string
  description?: string
  /** copyLabel is the button's accessible name ("Copy the tracking link"). */
  copyLabel: string
  testId?: string
  /** masked shows dots instead of the value (a secret); Copy still copies the value. */
  masked?: boolean
}

type Copied = 'idle' | 'copied' | 'manual'

/**
 * CopyField shows a value in a read-only input with a Copy button: the clipboard when the
 * browser allows it ("Copied"), else the input's text is selected for Ctrl+C / ⌘C.
 */
export function CopyField({ label, value, description, copyLabel, testId, masked = false }: CopyFieldProps) {
  const input = useRef<HTMLInputElement>(null)
  // What the last copy did, and for which value: a changed value hides the confirmation.
  const [copied, setCopied] = useState<{ state: Copied; value: string }>({ state: 'idle', value: '' })
  const state: Copied = copied.value === value ? copied.state : 'idle'
  const setState = (s: Copied) => {
    setCopied({ state: s, value })
  }
  useEffect(() => {
    if (copied.state !== 'copied') return
    const t = setTimeout(() => {
      setCopied((c) => ({ ...c, state: 'idle' }))
    }, 2500)
    return () => {
      clearTimeout(t)
    }
  }, [copied])

  const selectAll = () => {
    input.current?.focus()
    input.current?.select()
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setState('copied')
    } catch {
      if (!masked) selectAll()
      setState('manual')
    }
  }

  return (
    <div>
      <Group gap="xs" align="end" wrap="nowrap">
        <TextInput
          ref={input}
          label={label}
          description={description}
          value={masked ? '•'.repeat(Math.min(32, Math.max(12, value.length))) : value}
          readOnly
          onFocus={(e) => {
            if (!masked) e.currentTarget.select()
          }}
          style={{ flex: 1, minWidth: 0 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          data-testid={testId}
        />
        <Button
          variant={state === 'copied' ? 'filled' : 'default'}
          color={state === 'copied' ? 'teal.9' : undefined}
          // Mantine hovers a filled teal.9 with the lighter teal.8, where white text is under 4.5:1
          // (the pointer is still on the button right after the click): keep teal.9 on hover.
          style={state === 'copied' ? { '--button-hover': 'var(--mantine-color-teal-9)' } : undefined}
          aria-label={state === 'copied' ? `Copied: ${copyLabel.charAt(0).toLowerCase()}${copyLabel.slice(1)}` : copyLabel}
          onClick={() => void copy()}
        >
          {state === 'copied' ? 'Copied' : 'Copy'}
        </Button>
      </Group>
      <Text size="xs" mt={4} c={state === 'manual' ? 'red.9' : 'teal.9'} role="status" aria-live="polite" mih={18}>
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'manual' ? 'The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).' : ''}
      </Text>
    </div>
  )
}
