package ingest

import (
	"slices"
	"testing"
)

func TestQMSumTitledLabelsMerge(t *testing.T) {
	data := []byte(`{"meeting_transcripts":[
{"speaker":"The Chair (Hon. Anthony Rota (Nipissing, Lib.))","content":"I call this meeting to order ."},
{"speaker":"Hon. Bill Blair (Minister of Public Safety)","content":"Mr. Chair , we have invested in the program ."},
{"speaker":"Mr. Dave Epp (Chatham-Kent, CPC)","content":"Will the minister act ?"},
{"speaker":"The Chair","content":"The honourable minister ."},
{"speaker":"Hon. Bill Blair","content":"We will continue to work with the provinces ."}]}`)
	doc, err := parseQMSum("m.json", data)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tu := range doc.Turns {
		got = append(got, tu.Speaker)
	}
	// "Mr. Dave Epp (…)" keeps its parenthesis: no shorter label of his is used.
	want := []string{"The Chair", "Hon. Bill Blair", "Mr. Dave Epp (Chatham-Kent, CPC)", "The Chair", "Hon. Bill Blair"}
	if !slices.Equal(got, want) {
		t.Errorf("speakers = %q; want %q", got, want)
	}
}
