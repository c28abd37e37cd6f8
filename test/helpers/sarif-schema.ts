import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';

/** The OASIS SARIF 2.1.0 schema that shared/ carries for these tests (JSON Schema draft-04). */
const schemaUrl = new URL('../../../shared/schemas/sarif-schema-2.1.0.json', import.meta.url);
const schema = JSON.parse(readFileSync(schemaUrl, 'utf8')) as object;

// A CommonJS module: under NodeNext its default import is `module.exports`, whose `default` is the class.
const Ajv = AjvDraft04.default;

/** Validates a SARIF log; formats such as `uri` are left to GitHub, since ajv-formats is not a dependency. */
export const validateSarif = new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(schema);
