#!/usr/bin/env python3
"""Writes engine/data/openapi.json.gz: the v1.33 API server's OpenAPI
documents (api/openapi-spec in the microshift mirror, kubernetes 1.33.5) for
the group/versions kubeplay serves, compact, as one gzipped JSON object:
{"v2": <swagger.json>, "v3": {"api/v1": <doc>, "apis/apps/v1": <doc>, ...}}.

    python3 server/scripts/openapi_data.py
"""
import gzip, json, subprocess

REPO = "/work/.mirror/openshift+microshift/repo"
COMMIT = "10c44e7b83"
D = "deps/github.com/openshift/kubernetes/api/openapi-spec"
SERVED = [("", "v1"), ("apiregistration.k8s.io", "v1"), ("apps", "v1"), ("events.k8s.io", "v1"),
          ("authentication.k8s.io", "v1"), ("authorization.k8s.io", "v1"), ("autoscaling", "v2"),
          ("autoscaling", "v1"), ("batch", "v1"), ("certificates.k8s.io", "v1"),
          ("networking.k8s.io", "v1"), ("policy", "v1"), ("rbac.authorization.k8s.io", "v1"),
          ("storage.k8s.io", "v1"), ("admissionregistration.k8s.io", "v1"),
          ("apiextensions.k8s.io", "v1"), ("scheduling.k8s.io", "v1"), ("coordination.k8s.io", "v1"),
          ("node.k8s.io", "v1"), ("discovery.k8s.io", "v1"), ("flowcontrol.apiserver.k8s.io", "v1")]


def show(path):
    return json.loads(subprocess.run(["git", "-C", REPO, "show", f"{COMMIT}:{D}/{path}"],
                                     capture_output=True, check=True).stdout)


def served_prefix(path):
    return any(path.startswith(("/api/v1/" if g == "" else f"/apis/{g}/{v}/")) or
               path in ("/api/v1", f"/apis/{g}/{v}") for g, v in SERVED)


def main():
    v3 = {}
    for g, v in SERVED:
        key = f"api/{v}" if g == "" else f"apis/{g}/{v}"
        v3[key] = show(f"v3/{key.replace('/', '__')}_openapi.json")
    v2 = show("swagger.json")
    v2["paths"] = {p: o for p, o in v2["paths"].items() if served_prefix(p) or not p.startswith(("/api/", "/apis/"))}
    out = json.dumps({"v2": v2, "v3": v3}, separators=(",", ":"), sort_keys=False).encode()
    with open("engine/data/openapi.json.gz", "wb") as f:
        f.write(gzip.compress(out, 9, mtime=0))


main()
