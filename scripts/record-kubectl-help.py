#!/usr/bin/env python3
"""Records the structure of kubectl v1.33's help: for every command and
subcommand, its sections in order, Aliases, the names under Available
Commands, the Options flags with their defaults, and the Usage line. Facts
only: no descriptions or examples are kept.

    scripts/record-kubectl-help.py > engine/src/kubectl/cmd/testdata/kubectl-1.33-help.txt

The help oracle (engine/src/kubectl/cmd/help_oracle.rs) compares our help
with this file.
"""
import re
import subprocess
import sys

KUBECTL = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"
SECTIONS = ["Aliases:", "Examples:", "Available Commands:", "Options:", "Usage:"]
FLAG = re.compile(r"^    (-\S, )?--[\w-]+=.*:$")


def help_of(path):
    return subprocess.run(
        [KUBECTL, *path, "--help"], capture_output=True, text=True, check=True
    ).stdout


def facts(text):
    out, section = [], None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line in SECTIONS:
            section = line[:-1]
            out.append(f"section\t{section}")
        elif section == "Aliases" and line:
            out.append(f"aliases\t{line}")
        elif section == "Available Commands" and line.startswith("  "):
            out.append(f"command\t{line.split()[0]}")
        elif section == "Options" and FLAG.match(line):
            out.append(f"option\t{line.strip()}")
        elif section == "Usage" and line.startswith("  "):
            out.append(f"usage\t{line.strip()}")
            section = None
    return out


def children(text):
    return [l.split("\t")[1] for l in facts(text) if l.startswith("command\t")]


def walk(path, blocks):
    text = help_of(path)
    blocks.append((path, facts(text)))
    for c in children(text):
        walk(path + [c], blocks)


def main():
    root = help_of([])
    names = [
        l.split()[0]
        for l in root.split("\n")
        if l.startswith("  ") and not l.startswith("  kubectl")
    ]
    blocks = []
    for name in names:
        walk([name], blocks)
    globals_ = subprocess.run(
        [KUBECTL, "options"], capture_output=True, text=True, check=True
    ).stdout
    opts = [f"option\t{l.strip()}" for l in globals_.split("\n") if FLAG.match(l)]
    print("# kubectl v1.33.1 help structure, by scripts/record-kubectl-help.py: facts only")
    for path, lines in blocks + [(["options"], opts)]:
        print(f"== {' '.join(path)}")
        for l in lines:
            print(l)


if __name__ == "__main__":
    sys.exit(main())
