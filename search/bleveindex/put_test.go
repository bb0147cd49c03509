package bleveindex

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/verbatimhq/verbatim/search"
)

// A bulk Put goes to bleve in concurrent batches: every quote must be
// there after reopening, each in its last version when docs holds it
// twice (in two batches).
func TestBulkPutKeepsLastVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, _, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	const n = 3*putBatch + 17
	var in []search.Doc
	for i := range n {
		d := docs[0]
		d.ID = int64(i + 1)
		d.Text = fmt.Sprintf("first version %d", i)
		in = append(in, d)
	}
	// Quote 1 again at the end (another batch): the second version wins.
	again := in[0]
	again.Text = "second version"
	in = append(in, again)
	if err := ix.Put(ctx, in); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	ix, fresh, err := Open(dir)
	if err != nil || fresh {
		t.Fatalf("reopen: %v, fresh %v", err, fresh)
	}
	defer ix.Close()
	if c, _ := ix.Count(ctx); c != n {
		t.Fatalf("count = %d, want %d", c, n)
	}
	for q, want := range map[string]uint64{`"second version"`: 1, `"first version 0"`: 0, `"first version 5"`: 1} {
		res, err := ix.Search(ctx, search.Query{Match: expr(t, q)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want {
			t.Errorf("%s: %d hits, want %d", q, res.Total, want)
		}
	}
}

func TestLastOfEach(t *testing.T) {
	d := func(id int64, text string) search.Doc { return search.Doc{ID: id, Text: text} }
	for _, c := range []struct {
		in, want []search.Doc
	}{
		{[]search.Doc{d(1, "a"), d(2, "b")}, []search.Doc{d(1, "a"), d(2, "b")}},
		{[]search.Doc{d(1, "a"), d(2, "b"), d(1, "c")}, []search.Doc{d(2, "b"), d(1, "c")}},
		{[]search.Doc{d(3, "a"), d(3, "b"), d(3, "c")}, []search.Doc{d(3, "c")}},
	} {
		got := lastOfEach(c.in)
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("lastOfEach(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}
