package persona

import "slices"

// Restated sentences: a speaker who garbles a sentence often says it
// again in the same turn ("Eighty per cents of users would spend more
// money when the remote control would look fancy." and then "Eighty
// hundred per cent of users would spend more money when the remote
// control would look oh to it's not good."). Both are stored quotes (each
// is searchable and links to the turn), but they are one remark: only one
// is shown as a representative — the complete one (fewer fillers, restarts
// and broken words: Disfluency). Two as complete are both shown: they may
// differ in a fact. Speech only: a writer who says a thing twice in
// one answer ("Indigenous artists deserve the same respect…" and
// "Indigenous leaders deserve the same respect…") says two things.

// minRestated is how many words two sentences must share, in order, to
// be one remark said twice; shorter ones ("I think so.") recur by chance.
const minRestated = 5

// Restates reports that two sentences of one turn say one remark: the
// longest run of their words in the same order (fillers set aside) holds
// at least minRestated words, 70% of the shorter one's words and half the
// longer one's, at least minRestatedContent content words are shared, and
// they open on the same word.
func Restates(earlier, later string) bool {
	a, b := contentOrder(earlier), contentOrder(later)
	if len(a) < minRestated || len(b) < minRestated || a[0] != b[0] {
		return false
	}
	n := lcsWords(a, b)
	short, long := min(len(a), len(b)), max(len(a), len(b))
	return n >= minRestated && 10*n >= 7*short && 2*n >= long && sharedContent(a, b) >= minRestatedContent
}

// minRestatedContent is how many content words two sayings of one remark
// share: "Let's say I want Dublin." and "Let's just say I want high
// probability." share only the frame.
const minRestatedContent = 3

// sharedContent counts the distinct words of a also in b that are no
// function word, light verb, filler or indefinite.
func sharedContent(a, b []string) int {
	in := make(map[string]bool, len(b))
	for _, w := range b {
		in[w] = true
	}
	n := 0
	for _, w := range a {
		if in[w] && !restartExempt[w] && !metaFunctionWords[w] && !lightVerbs[w] && !fillerWords[w] && !notNaming[w] && !smallTalkWords[w] {
			n++
			delete(in, w)
		}
	}
	return n
}

// contentOrder is the words of s without fillers and opening discourse
// markers, in order.
func contentOrder(s string) []string {
	ws := slices.DeleteFunc(words(s), func(w string) bool { return fillerWords[w] })
	for len(ws) > 0 && leadingDiscourse[ws[0]] {
		ws = ws[1:]
	}
	return ws
}

// lcsWords is the length of the longest common subsequence of a and b.
func lcsWords(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case cur[j] > prev[j+1]:
				cur[j+1] = cur[j]
			default:
				cur[j+1] = prev[j+1]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// RestatedBy reports that another quote of the same turn says q again
// (Restates), may itself be shown (UnquotableForm, UnquotableTalk) and is
// the one to show: less disfluent. Two sayings as fluent are both shown:
// "…twenty dollars… basic plan." and "…forty dollars… premium plan."
// may be two facts. siblings are other
// quotes, of any turn; two quotes of one turn never start at one place,
// so quotes with no place in their turn (Start 0) are never restated.
func RestatedBy(q Quote, siblings []Quote) bool {
	for _, r := range siblings {
		if q.Kind == KindTranscript && r.TurnID == q.TurnID && r.SourceID == q.SourceID && r.Start != q.Start &&
			Restates(q.Text, r.Text) && Disfluency(r.Text) < Disfluency(q.Text) && UnquotableForm(r) == "" && UnquotableTalk(r) == "" {
			return true
		}
	}
	return false
}

// Outranks reports that r, a restatement of q or q of it, is the version
// to show: fewer signs of disfluency, or as few and said later (by Start,
// then by ID).
func Outranks(r, q Quote) bool {
	dr, dq := Disfluency(r.Text), Disfluency(q.Text)
	switch {
	case dr != dq:
		return dr < dq
	case r.Start != q.Start:
		return r.Start > q.Start
	}
	return r.ID > q.ID
}

// Disfluency counts the signs of speech not said whole: fillers and
// interjections in mid-sentence ("uh", "oh"), broken words and restarts
// or repairs (Repairs).
func Disfluency(text string) int {
	n := Repairs(text, true)
	for i, w := range words(text) {
		if cleanFillers[w] || i > 0 && (w == "oh" || w == "ah") {
			n++
		}
	}
	return n
}
