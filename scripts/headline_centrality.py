#!/usr/bin/env python3
"""usage: scripts/headline_centrality.py BASE NAME SET... [--slides]
reads BASE/runs/NAME/SET/verbatim.db (an analysed copy), BASE/out/NAME/SET.json
(`verbatim analyze --json`) and, with --slides, BASE/q/SET.after (quotecheck's
unquotable lines, `quotecheck - KIND v`) -- docs/LABELS.md, Session quotes7.

Headline centrality, measured independently of the analysis' own space:
plain TF-IDF over each quote's content words (stored tags NN*/JJ*/VB* not
light/CD, lower-cased), IDF over the study's quotes; a theme's centroid is
the mean of its members' unit vectors; a quote's centrality is its cosine
to that centroid. Reports, over themes with >= 8 quotes and a headline,
the share whose headline is among the theme's most central quarter, and
the mean centrality percentile of headlines (1 = most central)."""
import json, math, sqlite3, sys, collections
BASE = sys.argv[1]
LIGHT = set("be is are was were been being am have has had do does did get got make made say said think thought know knew mean want need let take took see look like use used try come go going gone give put keep feel tell guess seem start happen work can could will would shall should may might must".split())
def content(tokens):
    out = []
    for t in tokens.split():
        w, _, tag = t.rpartition('/')
        w = w.lower()
        if not w or not any(ch.isalpha() for ch in w): continue
        if tag.startswith('NN') or tag.startswith('JJ') or tag == 'CD' or (tag.startswith('VB') and w not in LIGHT):
            out.append(w)
    return out
import re
SLIDES = '--slides' in sys.argv
def slide(t):
    t = t.strip()
    w = re.findall(r"[\w']+", t)
    return 6 <= len(w) <= 25 and w[0].lower() not in LEAD and t[:1].isupper() and t.rstrip('"\')').endswith(('.', '!')) and '\n' not in t
LEAD = set('and so but or because cause then also plus anyway well like yeah yes no okay ok oh um uh hmm right actually basically now see'.split())
def unquotable(setname):
    bad = set()
    try:
        for l in open(f'{BASE}/q/{setname}.after'):
            m = re.match(r'^(.{18}) (".*")$', l.rstrip('\n'))
            if m:
                try: bad.add(json.loads(m.group(2)))
                except Exception: pass
    except FileNotFoundError: pass
    return bad
def measure(run_dir, js):
    bad = unquotable(run_dir.rstrip('/').split('/')[-1])
    db = sqlite3.connect(run_dir + '/verbatim.db')
    rows = db.execute('select id, text, tokens, theme_id from quotes').fetchall()
    docs = {i: content(tok) for i, _, tok, _ in rows}
    df = collections.Counter()
    for ws in docs.values(): df.update(set(ws))
    N = len(docs)
    def vec(ws):
        tf = collections.Counter(ws)
        v = {w: (1 + math.log(c)) * math.log((1 + N) / (1 + df[w])) for w, c in tf.items()}
        n = math.sqrt(sum(x * x for x in v.values()))
        return {w: x / n for w, x in v.items()} if n else {}
    vecs = {i: vec(ws) for i, ws in docs.items()}
    text_of = {i: t for i, t, _, _ in rows}
    members = collections.defaultdict(list)
    for i, _, _, th in rows:
        if th: members[th].append(i)
    d = json.load(open(js))
    n = top = 0; pct = []
    out = []
    for t in d['themes']:
        h = t.get('headline')
        ms = members.get(t['id'], [])
        if not h or len(ms) < 8: continue
        c = collections.Counter()
        for i in ms:
            for w, x in vecs[i].items(): c[w] += x / len(ms)
        cn = math.sqrt(sum(x * x for x in c.values())) or 1
        score = {i: sum(x * c[w] for w, x in vecs[i].items()) / cn for i in ms}
        hid = [i for i in ms if text_of[i] == h]
        if not hid: continue
        pool = [i for i in ms if i == hid[0] or (slide(text_of[i]) and text_of[i].replace(chr(10),' ').replace(chr(13),' ') not in bad)] if SLIDES else ms
        order = sorted(pool, key=lambda i: -score[i])
        ms = pool
        r = order.index(hid[0])
        p = r / (len(ms) - 1) if len(ms) > 1 else 0
        n += 1; pct.append(p)
        if r < len(ms) / 4: top += 1
        out.append((t['label'], len(ms), r + 1, h))
    return n, top, (sum(pct) / len(pct) if pct else 0), out
if __name__ == '__main__':
    base = sys.argv[1]  # /tmp/quotes7.daLw with runs/NAME/SET and out/NAME/SET.json
    name = sys.argv[2]
    T = [0, 0, 0.0]
    for s in [a for a in sys.argv[3:] if not a.startswith('--')]:
        n, top, mp, out = measure(f'{base}/runs/{name}/{s}', f'{base}/out/{name}/{s}.json')
        print(f'{s:10s} headlines(>=8 quotes) {n:4d}  in central quarter {top:4d} ({100*top/max(n,1):.1f}%)  mean rank percentile {mp:.2f}')
        T[0] += n; T[1] += top; T[2] += mp * n
        if '-v' in sys.argv[:0]: pass
    print(f'{"all":10s} headlines(>=8 quotes) {T[0]:4d}  in central quarter {T[1]:4d} ({100*T[1]/max(T[0],1):.1f}%)  mean rank percentile {T[2]/max(T[0],1):.2f}')
