package ingest

import (
	"strings"
	"testing"
	"time"
)

func TestZZPerf(t *testing.T) {
	line := "some words that go on and on in the transcript\n"
	cases := map[string]string{
		"big.srt":   "00:00:01,000 --> 00:00:02,000\nAna: x\n" + strings.Repeat(line, 200000),
		"big.vtt":   "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAna: x\n" + strings.Repeat(line, 200000),
		"big.txt":   "Interviewer: hi\nParticipant: x\n" + strings.Repeat(line, 200000),
		"otter.txt": "A  0:01\nx\n\nB  0:02\nx\n" + strings.Repeat(line, 200000),
		"merge.vtt": "WEBVTT\n\n" + strings.Repeat("00:00:01.000 --> 00:00:02.000\nAna: words words\n\n", 100000),
	}
	for name, data := range cases {
		start := time.Now()
		_, err := Parse(name, strings.NewReader(data))
		t.Logf("%s %d KB: %v %v", name, len(data)>>10, time.Since(start), err)
	}
}
