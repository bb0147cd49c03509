package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/verbatimhq/verbatim/account"
)

// A stop (SIGINT, SIGTERM: the context ends) while an upload is still
// arriving lets it finish: the client gets its result and the source is
// stored and searchable, and only then does ListenAndServe return.
func TestShutdownFinishesInFlightUpload(t *testing.T) {
	r := newRig(t, false)
	var st struct{ ID int64 }
	if status := r.json(account.RoleResearcher, "POST", "/api/v1/studies", map[string]string{"name": "Shutdown"}, &st); status != http.StatusCreated {
		t.Fatalf("create study: %d", status)
	}
	cfg := r.srv.cfg
	cfg.Addr = "127.0.0.1:0"
	srv := New(cfg, r.app, r.srv.accounts, r.srv.pages, r.srv.log)
	started := make(chan struct{})
	inner := srv.handler
	srv.handler = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method == http.MethodPost {
			close(started)
		}
		inner.ServeHTTP(w, req)
	})
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	ready := make(chan string, 1)
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe(ctx, func(addr string) { ready <- addr }) }()
	addr := <-ready

	body, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	req, err := http.NewRequest("POST", fmt.Sprintf("http://%s/api/v1/studies/%d/sources", addr, st.ID), body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+r.tokens[account.RoleResearcher])
	type reply struct {
		status int
		body   []byte
		err    error
	}
	replied := make(chan reply, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			replied <- reply{err: err}
			return
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		replied <- reply{res.StatusCode, b, err}
	}()
	part, err := mw.CreateFormFile("files", "late-call.vtt")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(part, "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Maya>What stopped you from buying last year?</v>\n\n")
	<-started
	stop() // the server begins shutting down with the upload half sent
	fmt.Fprint(part, "2\n00:00:05.000 --> 00:00:12.000\n<v Jordan Lee>Honestly the procurement review dragged on for months before anyone signed.</v>\n")
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	pw.Close()

	rep := <-replied
	if rep.err != nil || rep.status != http.StatusOK {
		t.Fatalf("upload during shutdown: %d %s %v; want 200", rep.status, rep.body, rep.err)
	}
	var results struct {
		Files []struct {
			Status string `json:"status"`
			Quotes int    `json:"quotes"`
		} `json:"files"`
	}
	if err := json.Unmarshal(rep.body, &results); err != nil || len(results.Files) != 1 || results.Files[0].Status != "ok" || results.Files[0].Quotes == 0 {
		t.Fatalf("upload result %s (%v); want one file stored with quotes", rep.body, err)
	}
	if err := <-served; err != nil {
		t.Fatalf("ListenAndServe after shutdown: %v", err)
	}
	srcs, err := r.app.Sources(context.Background(), st.ID)
	if err != nil || len(srcs) != 1 {
		t.Fatalf("sources after shutdown: %v, %v; want the upload", srcs, err)
	}
	d, err := r.app.SourceDetail(context.Background(), srcs[0].ID)
	if err != nil || len(d.Quotes) == 0 {
		t.Fatalf("quotes after shutdown: %d, %v", len(d.Quotes), err)
	}
}
