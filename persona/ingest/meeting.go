package ingest

import (
	"encoding/json"
	"regexp"
	"strings"
)

// FormatQMSum is a meeting transcript in the QMSum layout (Zhong et al.
// 2021): committee evidence sessions, research and design meetings as
// meeting_transcripts[{speaker, content}], with the corpus' annotation
// tags ({vocalsound}, {disfmarker}) and tokenised punctuation (" .").
const FormatQMSum = "qmsum"

type qmsumMeeting struct {
	Transcript []struct {
		Speaker string `json:"speaker"`
		Content string `json:"content"`
	} `json:"meeting_transcripts"`
}

var (
	// qmsumTagRE matches the corpus' annotation tags.
	qmsumTagRE = regexp.MustCompile(`\{[a-z_ ]{1,30}\}`)
	// qmsumGlueRE matches a space the tokeniser put before punctuation or
	// a clitic ("we 're", "it 's", "do n't").
	qmsumGlueRE = regexp.MustCompile(` +((?:[.,?!;:%)])|'(?:s|re|m|ll|ve|d)\b|n't\b)`)
	// qmsumPluralRE matches a plural possessive split off ("parents '").
	qmsumPluralRE = regexp.MustCompile(`(\ws) '( |$)`)
	spacesRE      = regexp.MustCompile(`[ \t]{2,}`)
	// qmsumSpelledRE matches letters spelled out, as the AMI meetings
	// write them: each letter followed by an underscore ("T_V_", "L_C_D_",
	// "R_ and D_").
	qmsumSpelledRE = regexp.MustCompile(`\b(?:[A-Za-z]_)+`)
)

// parseQMSum reads a QMSum meeting: one turn per utterance, consecutive
// utterances of one speaker merged, tags removed, punctuation re-attached,
// spelled letters joined ("T_V_" is "TV").
func parseQMSum(name string, data []byte) (*Document, error) {
	var m qmsumMeeting
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, jsonErr(name, err)
	}
	b := turnBuilder{sep: " "}
	short := shortLabels(m.Transcript)
	for i, u := range m.Transcript {
		text := cleanQMSum(u.Content)
		speaker := strings.TrimSpace(u.Speaker)
		if s, ok := short[speaker]; ok {
			speaker = s
		}
		if text == "" {
			continue
		}
		if speaker == "" {
			speaker = unknownSpeaker
		}
		b.add(Turn{Speaker: speaker, Role: roleOf(speaker), StartMS: -1, EndMS: -1, Text: text, Line: i + 1})
	}
	turns := b.done()
	for i := range turns { // merged utterances: "Yeah." + "." glue again
		turns[i].Text = cleanQMSum(turns[i].Text)
	}
	if len(turns) == 0 {
		return nil, errorf(name, 0, "a QMSum meeting with no speech in meeting_transcripts")
	}
	return &Document{Format: FormatQMSum, Turns: turns}, nil
}

// titleRE is a label's trailing parenthesis: the riding, party or office a
// transcript adds where a speaker is first introduced ("Hon. Bill Blair
// (Minister of Public Safety)"), possibly nested.
var titleRE = regexp.MustCompile(`^(.+?)\s*\(.*\)\s*$`)

// shortLabels maps a label with a trailing parenthesis to the same label
// without it when the meeting also uses that one, so one person's turns
// stay one speaker: "Hon. Bill Blair (Minister of Public Safety)" and
// "Hon. Bill Blair".
func shortLabels(ts []struct {
	Speaker string `json:"speaker"`
	Content string `json:"content"`
}) map[string]string {
	seen := map[string]bool{}
	for _, u := range ts {
		seen[strings.TrimSpace(u.Speaker)] = true
	}
	out := map[string]string{}
	for l := range seen {
		if m := titleRE.FindStringSubmatch(l); m != nil && seen[m[1]] {
			out[l] = m[1]
		}
	}
	return out
}

func cleanQMSum(s string) string {
	s = qmsumTagRE.ReplaceAllString(s, " ")
	s = qmsumSpelledRE.ReplaceAllStringFunc(s, func(m string) string { return strings.ReplaceAll(m, "_", "") })
	s = qmsumGlueRE.ReplaceAllString(s, "$1")
	s = qmsumPluralRE.ReplaceAllString(s, "$1'$2")
	s = spacesRE.ReplaceAllString(s, " ")
	return strings.TrimSpace(s)
}
