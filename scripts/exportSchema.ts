import { toJsonSchema } from '@valibot/to-json-schema';
import { EXPORT_VERSION, SessionExportSchema } from '../shared/export/sessionExport';

/**
 * The JSON Schema of a Kringen session export, generated from the same valibot schema the
 * importer uses. `npm run schema` writes it to docs/kringen-export.schema.json; a unit test
 * fails when the committed file is out of date.
 */
export function exportJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(SessionExportSchema, { errorMode: 'ignore' }) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://kringen.invalid/schema/kringen-session-v${EXPORT_VERSION}.json`,
    title: `Kringen session export, format version ${EXPORT_VERSION}`,
    description:
      'A whole Ripple Effects Mapping session: meta, codebook, ripples (with suggested and confirmed codes, derived order and votes), links and votes. See README "Exports".',
    ...schema,
  };
}

if (process.argv[1]?.endsWith('exportSchema.ts')) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync('docs/kringen-export.schema.json', `${JSON.stringify(exportJsonSchema(), null, 2)}\n`);
  console.log('wrote docs/kringen-export.schema.json');
}
