import type { CodegenConfig } from '@graphql-codegen/cli'

// Typed operations for the dashboard, generated from the server's schema files.
// Run `npm run codegen` after changing either schema or any graphql(`...`) document.
const config: CodegenConfig = {
  schema: ['../schema.graphqls', '../ent.graphql'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: true },
        defaultScalarType: 'unknown',
        scalars: { Decimal: 'string', Time: 'string', Cursor: 'string', Map: 'Record<string, string>' },
      },
    },
  },
}

export default config
