#!/usr/bin/env python3
"""Check the fixture tree in testdata/corpus against its expectations.

    python3 testdata/corpus-gen/check.py [--quiet]

For every expectation (inline `want: TYPE...` comment or WANT.tsv row):
  * the line holds values of the right shape, directly or base64-encoded
    (32 lowercase hex; client-/server- + 32 [A-Za-z0-9]; 16-256 token chars);
  * the generated secrets found on the line (gen.py's manifest) match the
    expected types exactly, one entry per occurrence.
Also: no generated secret sits on a line without an expectation; near-miss
lines carry no expectation; the tree on disk equals what gen.py produces;
JSON files parse; CRLF files are CRLF; the bundle's long line is over 30 KB.
Prints counts per type. Exit status 1 on any problem.
"""

import base64
import binascii
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

ROOT = gen.OUT
TYPES = gen.TYPES
HEX_TYPES = {"api-key", "secret-key", "org-api-key", "org-secret-key"}
TOKEN_TYPES = {"management-api-key", "data-api-token", "scim-key"}

RE_HEX = re.compile(r"(?<![A-Za-z0-9])[0-9a-f]{32}(?![A-Za-z0-9])")
RE_DEPLOY = re.compile(r"(?<![A-Za-z0-9])(client|server)-[A-Za-z0-9]{32}(?![A-Za-z0-9])")
RE_TOKEN = re.compile(r"(?<![A-Za-z0-9._~+/=-])[A-Za-z0-9._~+/=-]{16,256}(?![A-Za-z0-9._~+/=-])")
RE_B64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{20,}={0,2}(?![A-Za-z0-9+/=])")
RE_WANT = re.compile(r"\bwant:((?:[ \t]+[a-z-]+)+)")


def shape_class(s):
    if re.fullmatch(r"[0-9a-f]{32}", s):
        return "hex"
    m = re.fullmatch(r"(client|server)-[A-Za-z0-9]{32}", s)
    if m:
        return m.group(1)
    if (re.fullmatch(r"[A-Za-z0-9._~+/=-]{16,256}", s) and re.search(r"[A-Z]", s)
            and re.search(r"[a-z]", s) and re.search(r"[0-9]", s)):
        return "token"
    return None


def type_class(t):
    if t in HEX_TYPES:
        return "hex"
    if t in TOKEN_TYPES:
        return "token"
    return t.split("-")[0]  # client / server


def decoded_values(line):
    """Base64 runs on the line that decode to a key shape or an API:SECRET pair."""
    out, spans = [], []
    for m in RE_B64.finditer(line):
        s = m.group(0)
        if len(s) % 4:
            continue
        try:
            d = base64.b64decode(s, validate=True).decode("ascii")
        except (binascii.Error, UnicodeDecodeError):
            continue
        parts = d.split(":") if re.fullmatch(r"[0-9a-f]{32}:[0-9a-f]{32}", d) else [d]
        if all(shape_class(p) for p in parts):
            out += parts
            spans.append(m.span())
    return out, spans


def line_shapes(line):
    dec, spans = decoded_values(line)
    masked = list(line)
    for a, b in spans:
        masked[a:b] = " " * (b - a)
    masked = "".join(masked)
    shapes = collections.Counter(shape_class(v) for v in dec)
    shapes["hex"] += len(RE_HEX.findall(masked))
    for m in RE_DEPLOY.finditer(masked):
        shapes[m.group(1)] += 1
    for m in RE_TOKEN.finditer(masked):
        if shape_class(m.group(0)) == "token" and not RE_DEPLOY.search(m.group(0)):
            shapes["token"] += 1
    return shapes, dec


def main():
    quiet = "--quiet" in sys.argv
    problems = []
    files, _, manifest = gen.build()

    # 1. tree on disk == generator output
    disk = {}
    for d, _, names in os.walk(ROOT):
        for n in names:
            full = os.path.join(d, n)
            disk[os.path.relpath(full, ROOT).replace(os.sep, "/")] = open(full, "rb").read()
    for p in sorted(set(files) | set(disk)):
        if p not in disk:
            problems.append(f"{p}: missing on disk (run gen.py)")
        elif p not in files:
            problems.append(f"{p}: on disk but not produced by gen.py")
        elif files[p] != disk[p]:
            problems.append(f"{p}: differs from gen.py output (run gen.py)")

    # 2. expectations
    expect = {}  # (path, line) -> [types]
    for row in disk.get("WANT.tsv", b"").decode().splitlines():
        if not row.strip():
            continue
        p, n, types = row.split("\t")
        key = (p, int(n))
        if key in expect:
            problems.append(f"WANT.tsv: duplicate row {p}:{n}")
        expect[key] = types.split()
        if p not in disk:
            problems.append(f"WANT.tsv: {p} does not exist")

    near_miss = 0
    per_file = collections.Counter()
    for p, data in sorted(disk.items()):
        if p == "WANT.tsv":
            continue
        text = data.decode("utf-8")
        lines = text.split("\n")
        for i, raw in enumerate(lines, 1):
            line = raw.rstrip("\r")
            m = RE_WANT.search(line)
            if m:
                types = []
                for t in m.group(1).split():
                    if t not in TYPES:
                        break
                    types.append(t)
                if not types:
                    problems.append(f"{p}:{i}: want comment without a known type")
                if "ampli" in line[m.start():].lower():
                    problems.append(f"{p}:{i}: want comment names the product")
                if (p, i) in expect:
                    problems.append(f"{p}:{i}: expectation both inline and in WANT.tsv")
                expect[(p, i)] = types
            if "near-miss" in line:
                near_miss += 1
                if (p, i) in expect:
                    problems.append(f"{p}:{i}: near-miss line carries an expectation")

        for i, raw in enumerate(lines, 1):
            line = raw.rstrip("\r")
            want = expect.get((p, i))
            shapes, dec = line_shapes(line)
            found = []
            for v, t in manifest.items():
                found += [t] * line.count(v)
            for v in dec:
                if v in manifest:
                    found.append(manifest[v])
            if want is None:
                if found:
                    problems.append(f"{p}:{i}: generated secret(s) {sorted(found)} on a line without expectation")
                continue
            per_file[p] += len(want)
            need = collections.Counter(type_class(t) for t in want)
            for cls, n in need.items():
                if shapes[cls] < n:
                    problems.append(f"{p}:{i}: wants {n} value(s) of shape {cls}, line has {shapes[cls]}")
            if collections.Counter(found) != collections.Counter(want):
                problems.append(f"{p}:{i}: want {sorted(want)}, generated secrets on line are {sorted(found)}")
        if (p, len(lines) + 1) in expect or any(k[0] == p and k[1] > len(lines) for k in expect):
            problems.append(f"{p}: expectation beyond end of file")

    # 3. format sanity
    for p, data in disk.items():
        if p.endswith((".json", ".ipynb")):
            try:
                json.loads(data)
            except ValueError as e:
                problems.append(f"{p}: invalid JSON: {e}")
        if p in gen.FILES and gen.FILES[p][1].get("crlf"):
            if data.count(b"\r\n") != data.count(b"\n"):
                problems.append(f"{p}: not CRLF throughout")
        if p.endswith(".js") and "/_next/" in p:
            first = data.split(b"\n")[0]
            pos = min(first.find(v.encode()) for v, t in manifest.items() if v.encode() in first)
            if len(first) <= 30000 or pos <= 30000:
                problems.append(f"{p}: long line {len(first)} bytes, first key at {pos}")

    counts = collections.Counter(t for ts in expect.values() for t in ts)
    if not quiet:
        print(f"files: {len(disk) - 1} fixtures + WANT.tsv")
        print(f"expectation lines: {len(expect)}  findings: {sum(counts.values())}  near-miss lines: {near_miss}")
        for t in TYPES:
            print(f"  {t:24} {counts[t]}")
        missing = [t for t in TYPES if counts[t] == 0]
        if missing:
            problems.append(f"types without any expectation: {missing}")
    for pr in problems:
        print("PROBLEM", pr)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
