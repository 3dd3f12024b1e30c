import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportJsonSchema } from '../../../scripts/exportSchema';
import { addRipple, initSession, linkRipples } from '../../../shared/doc/commands';
import { exportSession } from '../../../shared/export/sessionExport';
import { boss } from '../../helpers/people';

const committed = JSON.parse(
  readFileSync(new URL('../../../docs/kringen-export.schema.json', import.meta.url), 'utf8'),
);

describe('the documented JSON Schema', () => {
  it('is up to date with the importer (run `npm run schema` after changing the document schema)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(exportJsonSchema())));
  });

  it('accepts a real export and rejects a corrupted one', () => {
    const doc = new Y.Doc();
    initSession(doc, { title: 'Schema' });
    addRipple(doc, boss, { text: 'Eén', when: { kind: 'date', value: '2025-04-01' } }, { id: 'a' });
    addRipple(doc, boss, { text: 'Twee' }, { id: 'b' });
    linkRipples(doc, boss, 'a', 'b');
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(committed);
    const data = JSON.parse(JSON.stringify(exportSession(doc)));
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true);
    data.ripples[0].valence = 'heel goed';
    expect(validate(data)).toBe(false);
  });
});
