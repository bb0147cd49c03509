import json,sys,re,collections,glob
# usage: measure.py analyze.json quotes.json [committee_dir]
an=json.load(open(sys.argv[1])); qs=json.load(open(sys.argv[2]))['quotes']
themes=an['themes']
gov=set()
if len(sys.argv)>3:
    for f in glob.glob(sys.argv[3]+'/covid_*.json'):
        for x in json.load(open(f))['meeting_transcripts']:
            s=x['speaker']
            if re.search(r'\((Deputy )?Prime Minister|\(Minister|Minister of|President of the Treasury|Leader of the Government|Parliamentary Secretary',s):
                gov.add(re.sub(r'\s*\(.*$','',s).strip())
def base(p): return re.sub(r'\s*\(.*$','',p).strip()
mixed=[t for t in themes if t['label'].startswith('Mixed remarks')]
numbered=[t for t in themes if not t['label'].startswith('Mixed') and re.search(r' \d+$',t['label'])]
courtesy_re=re.compile(r'\b(thank|thanks|welcome|chair|honou?rable|member|colleague|pleasure|congratulat|greet|good (morning|afternoon)|question|answer|minister|madam|speaker)\b',re.I)
courtesy=[t for t in themes if courtesy_re.search(t['label'])]
inth=[q for q in qs if q['theme_id']]
nq=len(inth)
mq=sum(t['quotes'] for t in mixed)
tq=sum(t['quotes'] for t in themes)
print(f"themes {len(themes)}  mixed {len(mixed)} ({len(mixed)/max(1,len(themes)):.0%} of themes, {mq/max(1,tq):.0%} of theme quotes)  numbered {len(numbered)}  courtesy-labels {len(courtesy)}: {[t['label'] for t in courtesy]}")
print(f"quotes {len(qs)}  in themes {nq}")
if gov:
    g=sum(1 for q in inth if base(q['participant']) in gov)
    ga=sum(1 for q in qs if base(q['participant']) in gov)
    print(f"government-answerer quotes: {ga/len(qs):.0%} of all quotes, {g/max(1,nq):.0%} of theme quotes")
ivr=sum(1 for q in inth if re.search(r'interviewer|moderator',q['participant'],re.I))
print(f"interviewer-labelled quotes in themes: {ivr}")
cq=sum(1 for q in inth if re.search(r'\b(thank(s| you)|i want to thank|honou?rable member|mr\.? (chair|speaker)|madam (chair|speaker))\b',q['text'],re.I))
print(f"theme quotes with courtesy phrases: {cq} ({cq/max(1,nq):.1%})")
for t in themes: print(f"  {t['ring'][:8]:8} {t['participants']:3} {t['quotes']:4} | {t['label'][:45]:45} | {t.get('headline','')[:80]}")
for p in an.get('personas',[]): print('  P', p.get('name'), p.get('size'))
lab=[t for t in themes if not t['label'].startswith('Mixed') and not t['label'].startswith('Non-English')]
STOP=set('of per to the a an and or in on for with'.split())
def says(t):
    ws=[w[:4] for w in re.findall(r"[a-z]+",t['label'].lower()) if w not in STOP and not w.isdigit()]
    h=t.get('headline','').lower()
    return any(w in h for w in ws)
print(f"HEADLINE says label word: {sum(map(says,lab))}/{len(lab)}")
