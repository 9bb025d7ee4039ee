#!/usr/bin/env python3
"""Writes server/data/proto-schema.txt: the protobuf layout of every built-in
kind the server serves, read from the v1.33 sources in the microshift mirror
(go-to-protobuf's generated.proto for field numbers and types, the Go structs'
tags for JSON names, pointers and omitempty).

    python3 server/scripts/proto_schema.py > server/data/proto-schema.txt

Format, one record a line:
    M <message> [list]             a message (`list`: a named slice, JSON array of `items`)
    F <num> <json|~> <o|r|m> <type> <p|-><e|->
        ~ = inlined in its parent's JSON; o optional, r repeated, m map<string, type>; type is a scalar or a
        message; p = a Go pointer (zero values are kept), e = omitempty.
"""
import re, subprocess, sys

REPO = "/work/.mirror/openshift+microshift/repo"
COMMIT = "10c44e7b83"  # microshift deps at kubernetes 1.33.5
K = "deps/github.com/openshift/kubernetes/staging/src/k8s.io"
SERVED = {
    "core": ["v1"], "apps": ["v1"], "events": ["v1"], "authentication": ["v1"],
    "authorization": ["v1"], "autoscaling": ["v1", "v2"], "batch": ["v1"],
    "certificates": ["v1"], "networking": ["v1"], "policy": ["v1"],
    "rbac": ["v1"], "storage": ["v1"], "admissionregistration": ["v1"],
    "scheduling": ["v1"], "coordination": ["v1"], "node": ["v1"],
    "discovery": ["v1"], "flowcontrol": ["v1"],
}
DIRS = [f"api/{g}/{v}" for g, vs in SERVED.items() for v in vs] + [
    "apimachinery/pkg/apis/meta/v1", "apimachinery/pkg/runtime",
    "apimachinery/pkg/runtime/schema", "apimachinery/pkg/util/intstr",
    "apimachinery/pkg/api/resource",
    "apiextensions-apiserver/pkg/apis/apiextensions/v1",
    "kube-aggregator/pkg/apis/apiregistration/v1",
]


def git(*a):
    return subprocess.run(["git", "-C", REPO, *a], capture_output=True, text=True, check=True).stdout


def go_structs(d):
    """{struct: {proto number: (json name, pointer, omitempty)}} from a package's Go files."""
    out = {}
    files = [f for f in git("ls-tree", "--name-only", f"{COMMIT}:{K}/{d}").split()
             if f.endswith(".go") and not f.endswith("_test.go") and not f.startswith("zz_")]
    for f in files:
        src = git("show", f"{COMMIT}:{K}/{d}/{f}")
        for m in re.finditer(r"^type (\w+) struct \{\n(.*?)^\}", src, re.S | re.M):
            fields = {}
            for line in m.group(2).splitlines():
                t = re.match(r"\s*(?:\w+\s+)?(\S+)\s+`(.*)`", line)
                if not t:
                    continue
                pb = re.search(r'protobuf:"\w+,(\d+),', t.group(2))
                js = re.search(r'json:"([^"]*)"', t.group(2))
                if not pb or not js:
                    continue
                parts = js.group(1).split(",")
                fields[int(pb.group(1))] = (parts[0], t.group(1).startswith("*"), "omitempty" in parts[1:])
            out[m.group(1)] = fields
    return out


def main():
    for d in DIRS:
        src = git("show", f"{COMMIT}:{K}/{d}/generated.proto")
        pkg = re.search(r"^package ([\w.-]+);", src, re.M).group(1)
        structs = go_structs(d)
        comment = []
        cur = None
        for line in src.splitlines():
            s = line.strip()
            if s.startswith("//"):
                comment.append(s)
                continue
            m = re.match(r"message (\w+) \{", s)
            if m:
                cur = m.group(1)
                fields = re.findall(r"(optional|repeated) ([\w.]+) (\w+) = (\d+);", src.split(f"message {cur} {{", 1)[1].split("\n}", 1)[0])
                is_list = any("+protobuf.nullable=true" in c for c in comment) and len(fields) == 1 and fields[0][2] == "items"
                print(f"M {pkg}.{cur}" + (" list" if is_list else ""))
            elif cur and (f := re.match(r"(optional|repeated) ([\w.]+) (\w+) = (\d+);", s)):
                label, ty, name, num = f.groups()
                emit(structs.get(cur, {}), int(num), name, label[0], ty, pkg)
            elif cur and (f := re.match(r"map<string, ([\w.]+)> (\w+) = (\d+);", s)):
                ty, name, num = f.groups()
                emit(structs.get(cur, {}), int(num), name, "m", ty, pkg)
            elif s == "}":
                cur = None
            if s:
                comment = []


SCALARS = {"string", "bytes", "bool", "int32", "int64", "double", "float", "uint32", "uint64", "fixed64", "sfixed64"}


def emit(struct, num, name, label, ty, pkg):
    if num not in struct:
        print(f"no Go field for {pkg} {name} = {num}", file=sys.stderr)
    json_name, ptr, omit = struct.get(num, (name, False, True))
    if ty not in SCALARS:
        ty = ty[1:] if ty.startswith(".") else f"{pkg}.{ty}"
    print(f"F {num} {json_name or '~'} {label} {ty} {'p' if ptr else '-'}{'e' if omit else '-'}")


main()
