package app

import (
	"context"
	"slices"
	"strings"
	"testing"
)

const resumeInterview = "Interviewer: What made you look for a new tool?\nBuyer: The renewal price was far too expensive for a team our size.\nInterviewer: Who decided?\nBuyer: Our CFO signed off after procurement reviewed the security questionnaire.\n"

// A study whose analysis was queued (or marked before an upload) and not
// finished when the process died is listed at the next start; a finished
// analysis, or an upload that stored nothing, clears the mark.
func TestDueAnalysesSurviveARestart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	open := func() *App {
		a, err := Open(ctx, Config{DataDir: dir}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := open()
	queued, _ := a.store.CreateStudy(ctx, "Queued")
	marked, _ := a.store.CreateStudy(ctx, "Marked")
	nothing, _ := a.store.CreateStudy(ctx, "Duplicates only")
	finished, _ := a.store.CreateStudy(ctx, "Finished")
	deleted, _ := a.store.CreateStudy(ctx, "Deleted")
	for _, st := range []int64{queued.ID, finished.ID} {
		if res := a.Ingest(ctx, st, "call.txt", strings.NewReader(resumeInterview)); res.Status != StatusOK {
			t.Fatalf("ingest = %+v", res)
		}
	}
	a.QueueAnalysis(queued.ID) // then the crash
	a.MarkAnalysisDue(marked.ID)
	a.MarkAnalysisDue(nothing.ID)() // undone: the upload stored nothing
	a.QueueAnalysis(finished.ID)
	if _, err := a.Analyze(ctx, finished.ID, nil); err != nil {
		t.Fatal(err)
	}
	a.QueueAnalysis(deleted.ID)
	if err := a.store.DeleteStudy(ctx, deleted.ID); err != nil {
		t.Fatal(err)
	}
	a.Close()

	a = open()
	defer a.Close()
	due, err := a.DueAnalyses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{queued.ID, marked.ID}; !slices.Equal(due, want) {
		t.Errorf("due after restart = %v; want %v (queued, marked)", due, want)
	}
	if _, err := a.Analyze(ctx, queued.ID, nil); err != nil {
		t.Fatal(err)
	}
	if due, _ := a.DueAnalyses(ctx); !slices.Equal(due, []int64{marked.ID}) {
		t.Errorf("due after resuming = %v; want only %d", due, marked.ID)
	}
}

// A request that comes in while an analysis runs keeps its mark when
// that analysis ends: the run it queued has not happened yet.
func TestLaterRequestKeepsItsMark(t *testing.T) {
	ctx := context.Background()
	a, err := Open(ctx, Config{DataDir: t.TempDir()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	st, _ := a.store.CreateStudy(ctx, "S")
	a.QueueAnalysis(st.ID)
	seq := a.dueSeq(st.ID) // the running analysis took this
	a.QueueAnalysis(st.ID) // an upload during the run
	a.clearDue(st.ID, seq) // the first run ends
	if due, _ := a.DueAnalyses(ctx); !slices.Equal(due, []int64{st.ID}) {
		t.Errorf("due = %v; want %d still marked for the queued run", due, st.ID)
	}
}
