import { zodResolver } from '@hookform/resolvers/zod'
import { Alert, Box, Button, Checkbox, Group, Popover, Select, Stack, TagsInput, Text, TextInput, UnstyledButton } from '@mantine/core'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Controller, useForm } from 'react-hook-form'
import { GraphQLRequestError } from '../../api/client'
import { errorMessage } from '../../api/errors'
import classes from './Flows.module.css'
import forms from '../../components/forms.module.css'
import { insertAt, MACRO_GROUPS, METHODS, POSTBACK_STATUSES, serverURLProblem } from './macros'
import { postbackFormSchema, type PostbackFormValues } from './postbackForm'

interface PostbackFormProps {
  /** id prefixes the form's element ids (two forms may share a page). */
  id: string
  initial: PostbackFormValues
  /** goals are the goal codes to choose from (a flow's offer); none: free codes (the default postback). */
  goals?: readonly { code: string; name: string }[]
  /** emptyHelp says what an empty URL means here. */
  emptyHelp: string
  onSave: (v: PostbackFormValues) => Promise<unknown>
  /** onDirty reports whether the form holds unsaved changes (Send test uses the saved URL). */
  onDirty?: (dirty: boolean) => void
  /** children sit beside the Save button (Send test). */
  children?: ReactNode
}

/**
 * PostbackForm edits a postback: the URL with a macro picker that inserts at the cursor, the
 * method, and the statuses and goals it fires for. The URL is checked as the server checks it;
 * a refusal from the server is shown in words next to the field.
 */
export function PostbackForm({ id, initial, goals, emptyHelp, onSave, onDirty, children }: PostbackFormProps) {
  const form = useForm<PostbackFormValues>({ resolver: zodResolver(postbackFormSchema), defaultValues: initial, mode: 'onChange' })
  const [saved, setSaved] = useState(false)
  const [picking, setPicking] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const urlRef = useRef<HTMLInputElement | null>(null)
  const selection = useRef<{ start: number | null; end: number | null }>({ start: null, end: null })
  const { isDirty, isSubmitting, errors } = form.formState

  useEffect(() => {
    onDirty?.(isDirty)
  }, [isDirty, onDirty])

  const remember = () => {
    const el = urlRef.current
    if (el) selection.current = { start: el.selectionStart, end: el.selectionEnd }
  }
  const insert = (macro: string) => {
    const next = insertAt(form.getValues('url'), `{${macro}}`, selection.current.start, selection.current.end)
    form.setValue('url', next.value, { shouldDirty: true, shouldValidate: true })
    selection.current = { start: next.cursor, end: next.cursor }
    setSaved(false)
    // The picker closes first; then the cursor goes just after the macro.
    setTimeout(() => {
      const el = urlRef.current
      if (!el) return
      el.focus()
      el.setSelectionRange(next.cursor, next.cursor)
    }, 0)
  }

  const submit = form.handleSubmit(async (v) => {
    setSaved(false)
    setFailure(null)
    try {
      await onSave(v)
      form.reset(v)
      setSaved(true)
    } catch (err) {
      if (err instanceof GraphQLRequestError && err.code === 'BAD_USER_INPUT') {
        form.setError('url', { type: 'server', message: serverURLProblem(err.message) })
      } else {
        setFailure(errorMessage(err))
      }
    }
  })

  const urlField = form.register('url')
  return (
    <form noValidate className={forms.form} onSubmit={(e) => void submit(e)} aria-label="Postback settings">
      <Stack gap="sm">
        <div>
          <TextInput
            id={`${id}-url`}
            label="Postback URL"
            description={`Your tracker’s URL with macros in braces, like https://tracker.example/pb?subid={sub1}&status={status}. ${emptyHelp}`}
            placeholder="https://tracker.example/postback?subid={click_id}&status={status}&payout={payout}"
            autoComplete="off"
            spellCheck={false}
            error={errors.url?.message}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            data-testid={`${id}-url`}
            {...urlField}
            ref={(el) => {
              urlField.ref(el)
              urlRef.current = el
            }}
            onSelect={remember}
            onKeyUp={remember}
            onClick={remember}
            onBlur={(e) => {
              remember()
              void urlField.onBlur(e)
            }}
            onChange={(e) => {
              setSaved(false)
              void urlField.onChange(e)
            }}
          />
          <Popover position="bottom-start" shadow="md" width={340} trapFocus returnFocus={false} opened={picking} onChange={setPicking}>
            <Popover.Target>
              <Button
                variant="default"
                size="xs"
                mt={6}
                aria-expanded={picking}
                onClick={() => {
                  setPicking((o) => !o)
                }}
                data-testid={`${id}-macros`}
              >
                Insert macro
              </Button>
            </Popover.Target>
            <Popover.Dropdown mah={360} style={{ overflowY: 'auto' }} aria-label="Macros" data-testid={`${id}-macro-list`}>
              {MACRO_GROUPS.map((g) => (
                <Box key={g.label} role="group" aria-labelledby={`${id}-macros-${g.label}`} mb={6}>
                  <Text size="xs" fw={700} c="dimmed" id={`${id}-macros-${g.label}`} mb={2}>
                    {g.label}
                  </Text>
                  {g.macros.map((m) => (
                    <UnstyledButton
                      key={m.name}
                      className={classes.macro}
                      onClick={() => {
                        setPicking(false)
                        insert(m.name)
                      }}
                    >
                      <Text span size="sm" ff="monospace">{`{${m.name}}`}</Text>{' '}
                      <Text span size="xs" c="dimmed">
                        {m.help}
                      </Text>
                    </UnstyledButton>
                  ))}
                </Box>
              ))}
            </Popover.Dropdown>
          </Popover>
        </div>
        <Controller
          control={form.control}
          name="method"
          render={({ field }) => (
            <Select
              label="Method"
              description="POST sends every macro as a field of the body, too."
              data={METHODS.map((m) => ({ value: m.value, label: m.label }))}
              value={field.value}
              onChange={(v) => {
                if (v) field.onChange(v)
                setSaved(false)
              }}
              allowDeselect={false}
              maw={320}
              data-testid={`${id}-method`}
            />
          )}
        />
        <Controller
          control={form.control}
          name="statuses"
          render={({ field }) => (
            <Checkbox.Group
              label="Send on"
              description="None checked: every event."
              value={field.value}
              onChange={(v) => {
                field.onChange(v)
                setSaved(false)
              }}
            >
              <Group gap="md" mt={6}>
                {POSTBACK_STATUSES.map((s) => (
                  <Checkbox key={s.value} value={s.value} label={s.label} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        />
        <Controller
          control={form.control}
          name="goals"
          render={({ field }) =>
            goals ? (
              <Checkbox.Group
                label="Goals"
                description="None checked: every goal."
                value={field.value}
                onChange={(v) => {
                  field.onChange(v)
                  setSaved(false)
                }}
              >
                <Group gap="md" mt={6}>
                  {goals.map((g) => (
                    <Checkbox key={g.code} value={g.code} label={g.name && g.name !== g.code ? `${g.name} (${g.code})` : g.code} />
                  ))}
                </Group>
              </Checkbox.Group>
            ) : (
              <TagsInput
                label="Goals"
                description="Goal codes (press Enter after each); none: every goal."
                value={field.value}
                onChange={(v) => {
                  field.onChange(v)
                  setSaved(false)
                }}
                maxTags={50}
                error={errors.goals?.message}
                clearable
              />
            )
          }
        />
        <Group gap="sm">
          <Button type="submit" loading={isSubmitting} data-testid={`${id}-save`}>
            Save postback
          </Button>
          {children}
        </Group>
        {saved && (
          <Text size="sm" c="teal.9" role="status" data-testid={`${id}-saved`}>
            Saved.
          </Text>
        )}
        {failure && (
          <Alert color="red" variant="light" role="alert" title="Could not save the postback">
            {failure}
          </Alert>
        )}
      </Stack>
    </form>
  )
}
