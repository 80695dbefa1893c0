#!/usr/bin/env python3
"""The house's walls, checked: no Rust function over 80 lines (from `fn` to its closing brace),
no Rust file over 400 lines, and no import circle between the modules of a crate (file-level
modules, a parent and its child included: what children share lives in a leaf module, not in
the parent that declares them).

Usage: house.py [ROOT]   (ROOT: the repository, default the parent of this script's directory)
Prints every violation; exits 1 when there is one.
"""
import os
import re
import sys

MAX_FN_LINES = 80
MAX_FILE_LINES = 400
SOURCE_DIRS = ["crates/core/src", "crates/store/src", "src", "tests", "benches"]
CRATES = ["crates/core/src", "crates/store/src", "src"]


def blank(text):
    """`text` with comments, string and char literals replaced by spaces (newlines kept)."""
    out, i, n = [], 0, len(text)
    keep_lines = lambda s: re.sub(r"[^\n]", " ", s)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
            continue
        if text.startswith("/*", i):
            depth, j = 0, i
            while j < n:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                    if depth == 0:
                        break
                else:
                    j += 1
            out.append(keep_lines(text[i:j]))
            i = j
            continue
        raw = re.match(r'b?r(#*)"', text[i : i + 10])
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = '"' + raw.group(1)
            j = text.find(end, i + raw.end())
            j = n if j < 0 else j + len(end)
            out.append(keep_lines(text[i:j]))
            i = j
            continue
        if text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(keep_lines(text[i : j + 1]))
            i = j + 1
            continue
        if text[i] == "'":
            char = re.match(r"'(\\.[^']*|[^\\'])'", text[i : i + 12])
            if char:
                out.append(" " * char.end())
                i += char.end()
                continue
        out.append(text[i])
        i += 1
    return "".join(out)


def closing_brace(code, j):
    depth = 0
    for k in range(j, len(code)):
        if code[k] == "{":
            depth += 1
        elif code[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(code) - 1


def long_functions(path):
    code = blank(open(path, encoding="utf-8").read())
    for m in re.finditer(r"\bfn\s+([A-Za-z_]\w*)", code):
        j, depth = m.end(), 0
        while j < len(code):
            ch = code[j]
            if ch in "(<[":
                depth += 1
            elif ch in ")>]":
                depth -= 1
            elif ch == ";" and depth <= 0:
                break
            elif ch == "{" and depth <= 0:
                start = code.count("\n", 0, m.start()) + 1
                end = code.count("\n", 0, closing_brace(code, j)) + 1
                if end - start + 1 > MAX_FN_LINES:
                    yield f"{path}:{start}: fn {m.group(1)} is {end - start + 1} lines"
                break
            j += 1


def rust_files(root, rel):
    for dirpath, _, files in os.walk(os.path.join(root, rel)):
        for f in sorted(files):
            if f.endswith(".rs"):
                yield os.path.join(dirpath, f)


def modules(src):
    """Module path (tuple) → file, for one crate's source directory."""
    out = {}
    for path in rust_files(src, ""):
        parts = os.path.relpath(path, src)[:-3].split(os.sep)
        if parts[-1] in ("mod", "lib"):
            parts = parts[:-1]
        out[tuple(parts)] = path
    return out


def expand(tree):
    """`a::{b, c::{d}}` → [`a::b`, `a::c::d`]."""
    i = tree.find("{")
    if i < 0:
        return [tree]
    prefix, inner = tree[:i], tree[i + 1 : tree.rfind("}")]
    parts, depth, cur = [], 0, ""
    for ch in inner:
        depth += (ch == "{") - (ch == "}")
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [prefix + e if e != "self" else prefix.rstrip(":") for p in parts if p for e in expand(p)]


def inline_modules(code):
    """(name, start, end) of inline `mod name { … }` blocks (tests), as character spans."""
    return [
        (m.group(1), m.start(), closing_brace(code, m.end() - 1))
        for m in re.finditer(r"\bmod\s+(\w+)\s*\{", code)
    ]


class Graph:
    def __init__(self, src):
        self.mods = modules(src)
        self.codes = {m: blank(open(p, encoding="utf-8").read()) for m, p in self.mods.items()}
        self.reexports = {}
        for m, code in self.codes.items():
            for u in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+([^;]+);", code):
                for path in expand(re.sub(r"\s+", "", u.group(1))):
                    segs = [s for s in path.split("::") if s]
                    target = self.resolve(m, segs)
                    if segs and target is not None and segs[-1] != "*":
                        self.reexports[(m, re.sub(r".*\bas", "", segs[-1]))] = target

    def resolve(self, cur, segs):
        if not segs:
            return None
        if segs[0] == "crate":
            base, segs = (), segs[1:]
        elif segs[0] == "super":
            base = cur
            while segs and segs[0] == "super":
                base, segs = base[:-1], segs[1:]
        elif segs[0] == "self":
            base, segs = cur, segs[1:]
        elif cur + (segs[0],) in self.mods:
            base = cur
        else:
            return None
        best = base
        for i in range(1, len(segs) + 1):
            if base + tuple(segs[:i]) not in self.mods:
                break
            best = base + tuple(segs[:i])
        return best

    def follow(self, module, name):
        seen = set()
        while (module, name) in self.reexports and (module, name) not in seen:
            seen.add((module, name))
            module = self.reexports[(module, name)]
        return module

    def edges(self, m):
        code = self.codes[m]
        spans = inline_modules(code)
        public_uses = [(u.start(), u.end()) for u in re.finditer(r"\bpub(?:\([^)]*\))?\s+use\s+[^;]+;", code)]

        def scope(pos):
            cur = m
            for name, a, b in spans:
                if a <= pos <= b:
                    cur = cur + (name,)
            return cur

        found = set()

        def add(cur, path):
            segs = [re.sub(r"\bas\b.*", "", s) for s in path.split("::") if s]
            target = self.resolve(cur, segs)
            if target is not None:
                target = self.follow(target, segs[-1])
            if target is not None and target != m and self.mods.get(target) != self.mods[m]:
                found.add(target)

        for u in re.finditer(r"\buse\s+([^;]+);", code):
            if not any(a <= u.start() < b for a, b in public_uses):
                for path in expand(re.sub(r"\s+", "", u.group(1))):
                    add(scope(u.start()), path)
        for p in re.finditer(r"(?<![\w:])((?:crate|super|self|\w+)(?:::\w+)+)", code):
            if not any(a <= p.start() < b for a, b in public_uses):
                add(scope(p.start()), p.group(1))
        return found

    def cycles(self):
        graph = {m: self.edges(m) for m in self.mods}
        index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]
        sys.setrecursionlimit(10000)

        def visit(v):
            index[v] = low[v] = counter[0]
            counter[0] += 1
            stack.append(v)
            on.add(v)
            for w in graph[v]:
                if w not in index:
                    visit(w)
                    low[v] = min(low[v], low[w])
                elif w in on:
                    low[v] = min(low[v], index[w])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted("::".join(c) or "crate" for c in comp))

        for v in graph:
            if v not in index:
                visit(v)
        return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    problems = []
    for rel in SOURCE_DIRS:
        for path in rust_files(root, rel):
            lines = open(path, encoding="utf-8").read().count("\n")
            shown = os.path.relpath(path, root)
            if lines > MAX_FILE_LINES:
                problems.append(f"{shown}: {lines} lines (at most {MAX_FILE_LINES})")
            problems.extend(p.replace(path, shown) for p in long_functions(path))
    for rel in CRATES:
        for cycle in Graph(os.path.join(root, rel)).cycles():
            problems.append(f"{rel}: import circle: {' <-> '.join(cycle)}")
    for p in problems:
        print(p)
    print(f"house: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
