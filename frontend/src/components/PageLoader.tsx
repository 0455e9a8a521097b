import { Center, Loader } from '@mantine/core'

/** PageLoader stands in while a page's code or the session is still loading. */
export function PageLoader() {
  return (
    <Center mih={200} role="status" aria-live="polite">
      <Loader size="md" aria-label="Loading the page" />
    </Center>
  )
}
