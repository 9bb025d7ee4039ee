#!/usr/bin/env python3
"""Writes engine/data/openapi-schemas.json.gz: every `components.schemas`
entry of the v1.33 API server's OpenAPI v3 documents (engine/data/openapi.json.gz),
merged into one map. The engine reads it for server-side field validation
and `kubectl explain`."""
import gzip, json, os

root = os.path.join(os.path.dirname(__file__), "..")
with gzip.open(os.path.join(root, "engine/data/openapi.json.gz")) as f:
    docs = json.load(f)
schemas = {}
for gv in sorted(docs["v3"]):
    for name, schema in docs["v3"][gv].get("components", {}).get("schemas", {}).items():
        schemas.setdefault(name, schema)
text = json.dumps(schemas, separators=(",", ":"), sort_keys=True).encode()
with open(os.path.join(root, "engine/data/openapi-schemas.json.gz"), "wb") as f:
    f.write(gzip.compress(text, 9, mtime=0))
print(len(schemas), "schemas,", len(text), "bytes")
