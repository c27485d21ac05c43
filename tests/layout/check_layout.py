#!/usr/bin/env python3
"""The layout limits a newcomer relies on (docs/architecture.md section 1):

- no source file over 400 lines;
- no function in the engine's code (actors, messages, storage, app) over
  70 lines (the aim is about 60; behaviour tables of one-line handlers
  may reach it);
- the decisions (actors/decisions/) include nothing of CAF but
  caf/optional.hpp and nothing of the project but messages/ and themselves:
  they stay plain functions that run without an actor system;
- no comment or string points at a document outside the repository.

Usage: check_layout.py ROOT. Prints each breach; exits 1 if there is one.
"""
import os
import re
import sys

MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 70
SOURCE_DIRS = ["actors", "messages", "storage", "app", "tests", "bench",
               "examples"]
ENGINE_DIRS = ["actors", "messages", "storage", "app"]
OUTSIDE_DOCS = re.compile(r"\.\./shared|ENGINE\.md|SCENARIO\.md|refmodel\.py")
NOT_A_FUNCTION = re.compile(
    r"(namespace|struct|class|enum|extern|union|#|//|template|}|using|"
    r"constexpr|static_assert|inline const|const |CAF_|TRADEFLOW_|public:|"
    r"private:|protected:)")


def sources(root, dirs, exts=(".cpp", ".hpp", ".py")):
    for d in dirs:
        for dirpath, _, files in os.walk(os.path.join(root, d)):
            if "__pycache__" in dirpath:
                continue
            for f in sorted(files):
                if f.endswith(exts):
                    yield os.path.join(dirpath, f)


def functions(lines):
    """(first line, length, name) of each function defined at column 0."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line or line[0].isspace() or NOT_A_FUNCTION.match(line):
            i += 1
            continue
        k = i
        while k < len(lines) and not lines[k].rstrip().endswith(("{", ";")):
            k += 1
        head = " ".join(lines[i:k + 1])
        if (k < len(lines) and lines[k].rstrip().endswith("{")
                and "(" in head and "=" not in lines[i].split("(")[0]):
            end = k + 1
            while end < len(lines) and not lines[end].startswith("}"):
                end += 1
            names = re.findall(r"([A-Za-z_:~][\w:~<>]*)\s*\(", head)
            yield i + 1, end - i + 1, names[0] if names else line.strip()
            i = end + 1
        else:
            i = k + 1


def main(root):
    breaches = []
    for path in sources(root, SOURCE_DIRS):
        rel = os.path.relpath(path, root)
        with open(path, errors="replace") as f:
            text = f.read()
        lines = text.split("\n")
        if len(lines) - 1 > MAX_FILE_LINES:
            breaches.append(f"{rel}: {len(lines) - 1} lines "
                            f"(limit {MAX_FILE_LINES})")
        if rel != os.path.join("tests", "layout", "check_layout.py") \
                and OUTSIDE_DOCS.search(text):
            breaches.append(f"{rel}: names a document outside the "
                            "repository")
    for path in sources(root, ENGINE_DIRS, (".cpp", ".hpp")):
        rel = os.path.relpath(path, root)
        with open(path, errors="replace") as f:
            lines = f.read().split("\n")
        for first, length, name in functions(lines):
            if length > MAX_FUNCTION_LINES:
                breaches.append(f"{rel}:{first}: {name} is {length} lines "
                                f"(limit {MAX_FUNCTION_LINES})")
    for path in sources(root, ["actors/decisions"], (".cpp", ".hpp")):
        rel = os.path.relpath(path, root)
        with open(path) as f:
            for n, line in enumerate(f, 1):
                m = re.match(r'#include [<"]([^>"]+)[>"]', line)
                if not m:
                    continue
                inc = m.group(1)
                ok = (inc == "caf/optional.hpp"
                      or inc.startswith(("messages/", "actors/decisions/"))
                      or "/" not in inc)
                if not ok:
                    breaches.append(f"{rel}:{n}: decisions include {inc}")
    for b in breaches:
        print(b)
    print(f"layout: {len(breaches)} breach(es)")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
