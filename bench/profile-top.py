#!/usr/bin/env python3
"""Summary of an async-profiler collapsed-stack file (bench/profile-gateway.sh): per thread group, per component
(the components of bench/jfr-components.py, so that the two profilers' tables read alike) and the heaviest frames.

    bench/profile-top.py profile.collapsed [cpu|alloc|wall] [requests]

Collapsed lines are "[thread tid=..];root;...;leaf count" (async-profiler's `threads` and `dot` options); for
alloc the count is bytes (`total`), and the leaf is the class allocated. With the number of requests answered during
the profile, CPU samples (1 ms each) and bytes are also given per request.
"""
import collections
import importlib.util
import os
import re
import sys

_spec = importlib.util.spec_from_file_location("jfr_components", os.path.join(os.path.dirname(__file__), "jfr-components.py"))
jfr_components = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(jfr_components)
attribute, print_components = jfr_components.attribute, jfr_components.print_components

THREAD_GROUPS = [("event loops (reactor-http-*)", r"^reactor-http-"), ("JIT compiler", r"CompilerThre"),
                 ("GC", r"^(GC |G1 |VM Thread|Gang|ParGC)"), ("parallel-* (Reactor timers)", r"^parallel-"),
                 ("log appender / other", r"")]


def main():
    path, kind = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "cpu")
    requests = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3].isdigit() else 0
    groups, self_w, incl_w, leaf_w = collections.Counter(), collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            w = int(count)
            frames = stack.split(";")
            thread = ""
            if frames and frames[0].startswith("["):
                thread = re.sub(r"\s*tid=\d+\]$", "", frames.pop(0)[1:]).rstrip("]")
            total += w
            groups[next(name for name, rx in THREAD_GROUPS if re.search(rx, thread))] += w
            inner_first = [fr.replace("/", ".") for fr in reversed(frames)]
            attribute(inner_first, w, self_w, incl_w, "other (JVM, native)")
            leaf = inner_first[0] if kind != "alloc" or len(inner_first) < 2 else f"{inner_first[0]}  <-  {inner_first[1]}"
            leaf_w[leaf] += w
    if not total:
        print("no samples")
        return
    unit = "bytes" if kind == "alloc" else "samples"
    per = ""
    if requests:
        per = (f", {total / requests / 1024:.1f} KiB per request" if kind == "alloc"
               else f", {total / requests:.3f} samples per request")
    print(f"\n{total} {unit} over {requests or '?'} requests{per}\n")
    print("| thread group | % |\n|---|---|")
    for name, w in groups.most_common():
        print(f"| {name} | {100 * w / total:.1f} |")
    print()
    print_components(self_w, incl_w, leaf_w, total, "Heaviest frames (self):", 30)


if __name__ == "__main__":
    main()
