#!/usr/bin/env python3
"""usage: scripts/headline_words.py BASE NAME SET...: the share of headlines (themes of >= 8
quotes) saying at least two of their theme's five most telling content words (theme df share x
log lift over the study, said by two quotes) -- docs/LABELS.md, Session quotes7."""
import os, sys, re
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'headline_centrality.py')).read().split("if __name__ == '__main__':")[0]
exec(src)
import json,sqlite3,collections,math
def words_measure(name,s,K=5):
    run_dir=f'{BASE}/runs/{name}/{s}'; js=f'{BASE}/out/{name}/{s}.json'
    db=sqlite3.connect(run_dir+'/verbatim.db')
    rows=db.execute('select id,text,tokens,theme_id from quotes').fetchall()
    docs={i:content(tok) for i,_,tok,_ in rows}
    df=collections.Counter()
    for ws in docs.values(): df.update(set(ws))
    N=len(docs)
    text_of={i:t for i,t,_,_ in rows}
    members=collections.defaultdict(list)
    for i,_,_,th in rows:
        if th: members[th].append(i)
    d=json.load(open(js)); n=hit=0; share=0
    for t in d['themes']:
        h=t.get('headline'); ms=members.get(t['id'],[])
        if not h or len(ms)<8: continue
        hid=[i for i in ms if text_of[i]==h]
        if not hid: continue
        # telling words: theme df share x log lift, said by >=2 quotes, alphabetic, not "'s"
        tdf=collections.Counter()
        for i in ms: tdf.update(set(docs[i]))
        sc={w:(c/len(ms))*math.log((c/len(ms))/(df[w]/N)) for w,c in tdf.items() if c>=2 and w.isalpha() and len(w)>2}
        top=[w for w,_ in sorted(sc.items(),key=lambda x:-x[1])[:K]]
        said=len(set(docs[hid[0]])&set(top))
        n+=1; share+=said/K
        if said>=2: hit+=1
    return n,hit,share
name=sys.argv[2]
T=[0,0,0]
for s in sys.argv[3:]:
    n,h,sh=words_measure(name,s)
    T=[T[0]+n,T[1]+h,T[2]+sh]
print(f'{name}: headlines {T[0]}, saying >=2 of the theme\'s 5 most telling words {T[1]} ({100*T[1]/T[0]:.1f}%), mean share of the 5 said {T[2]/T[0]:.2f}')
