#!/usr/bin/env python3
"""Two CPU profile summaries of bench/profile-gateway.sh side by side, in ms of CPU per request: each thread group's
and each event-loop component's (self) share times the samples per request (one sample per ms of CPU), sorted by the
difference. Made to compare our gateway with the floor (TARGET=floor), Spring Cloud Gateway alone:

    bench/profile-diff.py bench/results/profile-floor-public-cpu-<time>.txt bench/results/profile-gateway-public-cpu-<time>.txt

Rows under 0.005 ms in both are left out. The two profiles should come from the same load (the same scenario and
connections); a process answering fewer requests per second pays more per request for its I/O, so the rows of Netty,
the kernel and Reactor also carry the difference in throughput, not only in work.
"""
import re
import sys
def parse(f):
    t=open(f).read()
    spr=float(re.search(r'([0-9.]+) samples per request',t).group(1))
    groups={}; comps={}
    for line in t.splitlines():
        c=[x.strip() for x in line.strip().strip('|').split('|')] if line.startswith('|') else None
        if not c or c[0] in ('thread group','component') or c[0].startswith('---'): continue
        if len(c)==2: groups[c[0]]=float(c[1])
        elif len(c)==3: comps[c[0]]=float(c[1])
    return spr,groups,comps
a=parse(sys.argv[1]); b=parse(sys.argv[2])
print("samples per request (1 ms CPU each): first %.3f, second %.3f" % (a[0], b[0]))
print()
print("| thread group / event-loop component (self) | first (ms/request) | second (ms/request) | second − first |")
print("|---|---|---|---|")
rows=[]
for k in set(a[1])|set(b[1]):
    rows.append(("thread group: "+k,a[1].get(k,0)*a[0]/100,b[1].get(k,0)*b[0]/100))
for k in set(a[2])|set(b[2]):
    rows.append((k,a[2].get(k,0)*a[0]/100,b[2].get(k,0)*b[0]/100))
for k,fa,fb in sorted(rows,key=lambda r:-(r[2]-r[1])):
    if max(fa,fb)>=0.005: print("| %s | %.3f | %.3f | %+.3f |"%(k,fa,fb,fb-fa))
