/** The manifest format's identifiers, apart from its schema so that digests can be computed without loading zod. */
export const MANIFEST_SCHEMA_ID = 'urn:mcp-vet:schema:manifest:1';
export const MANIFEST_FORMAT_VERSION = 1;
