#!/usr/bin/env python3
"""Label figures of `verbatim analyze --json` outputs (docs/LABELS.md, Session labels6).

usage: scripts/label_findings.py DIR SET...   (reads DIR/SET.json for each SET)

A label is a *finding* when it is not "Mixed remarks...", "Non-English..." or
"Coded values...", has at least two words, and holds a word that the sentiment
table persona/analysis/seed/sentiment.tsv (VADER rows, Pattern rows x4 filling
its gaps) rates |valence| >= 1, or one of STANCE below. This is a word test:
read the labels too (it counts "pain point" and misses "price per seat").
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
LEX = {}
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(HERE, '..', 'persona', 'analysis', 'seed', 'sentiment.tsv'))]
for f in rows:
    if len(f) == 3 and f[0] == 'L':
        LEX[f[1]] = float(f[2])
for f in rows:
    if len(f) == 3 and f[0] == 'P' and f[1] not in LEX:
        LEX[f[1]] = 4 * float(f[2])
STANCE = set("""hard harder hardest easy easier difficult tough steep slow slower fast faster quick quicker
costly expensive cheap cheaper manual lack lacking missing limited reliable unreliable time-consuming
cumbersome clunky too need needs needed""".split())
ROLE = re.compile(r' (as priority|as barrier|as success factor|as decision criterion|in buying journey)$')
STOP = set("a an the of per to for in on and or with by at from about into too".split())


def finding(l):
    if l.startswith(('Mixed remarks', 'Non-English', 'Coded values')):
        return False
    ws = l.lower().split()
    return len(ws) >= 2 and any(w in STANCE or abs(LEX.get(w, 0)) >= 1 for w in ws)


def named(l):
    return not l.startswith(('Mixed remarks', 'Non-English', 'Coded')) and not re.match(r"^[A-Z].*, \d+ quotes", l)


def says_label(label, headline):
    stem = lambda w: w[:5]
    hs = {stem(w) for w in re.findall(r"[a-z0-9'-]+", headline.lower())}
    return any(stem(w) in hs for w in re.findall(r"[a-z0-9'-]+", label.lower()) if w not in STOP)


def main():
    d, sets = sys.argv[1], sys.argv[2:]
    tot = [0] * 8
    print("| set | themes | finding | lone words | Mixed remarks | ring-role | headlines | headline says a label word (of named themes) |")
    print("|---|---|---|---|---|---|---|---|")
    for s in sets:
        th = json.load(open(os.path.join(d, s + '.json')))['themes']
        n = len(th)
        r = [n, sum(finding(t['label']) for t in th), sum(len(t['label'].split()) == 1 for t in th),
             sum(t['label'].startswith('Mixed remarks') for t in th), sum(bool(ROLE.search(t['label'])) for t in th),
             sum(bool(t.get('headline')) for t in th),
             sum(1 for t in th if named(t['label']) and t.get('headline')),
             sum(1 for t in th if named(t['label']) and t.get('headline') and says_label(t['label'], t['headline']))]
        tot = [a + b for a, b in zip(tot, r)]
        pr(s, r)
    pr('all', tot)


def pr(name, r):
    n = max(r[0], 1)
    print(f"| {name} | {r[0]} | {r[1]} ({100*r[1]/n:.1f}%) | {r[2]} ({100*r[2]/n:.1f}%) | {r[3]} ({100*r[3]/n:.1f}%) | {r[4]} | {r[5]} | {r[7]}/{r[6]} ({100*r[7]/max(r[6],1):.1f}%) |")


if __name__ == '__main__':
    main()
