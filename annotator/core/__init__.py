"""Pure-Python model: offsets, schema, documents, spans and their validation (no Qt, no SQL)."""
