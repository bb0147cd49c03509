package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/verbatimhq/verbatim/account"
	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/frontend"
	"github.com/verbatimhq/verbatim/persona"
	"github.com/verbatimhq/verbatim/samples"
)

// rig is the real stack — SQLite, bleve, accounts, the demo study — behind
// an httptest server, with one bearer token per role.
type rig struct {
	t      *testing.T
	app    *app.App
	srv    *Server
	http   *httptest.Server
	tokens map[account.Role]string
	study  int64
}

const testPassword = "correct horse battery"

func newRig(t *testing.T, demo bool) *rig {
	t.Helper()
	return newRigConfig(t, demo, nil)
}

// newRigConfig is newRig with the server's Config adjusted by tune.
func newRigConfig(t *testing.T, demo bool, tune func(*Config)) *rig {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	tpl := plainTemplate
	if demo {
		tpl = demoTemplate
	}
	if err := os.CopyFS(dir, os.DirFS(tpl.dir)); err != nil {
		t.Fatal(err)
	}
	a, err := app.Open(ctx, app.Config{DataDir: dir, MaxFileSize: 1 << 20}, nil)
	if err != nil {
		t.Fatal(err)
	}
	accounts := a.Accounts()
	pages, err := frontend.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.MaxUploadSize = 1 << 20
	if tune != nil {
		tune(&cfg)
	}
	r := &rig{t: t, app: a, tokens: maps.Clone(tpl.tokens)}
	r.srv = New(cfg, a, accounts, pages, slog.New(slog.DiscardHandler))
	r.http = httptest.NewServer(r.srv.Handler())
	t.Cleanup(func() {
		r.http.Close()
		r.srv.Wait()
		a.Close()
	})
	if demo {
		st, err := a.StudyByName(ctx, samples.StudyName)
		if err != nil {
			t.Fatal(err)
		}
		r.study = st.ID
	}
	return r
}

// do sends a request as role ("" = anonymous) and returns status and body.
func (r *rig) do(role account.Role, method, path, contentType string, body io.Reader) (int, []byte) {
	r.t.Helper()
	req, err := http.NewRequest(method, r.http.URL+path, body)
	if err != nil {
		r.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+r.tokens[role])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

func (r *rig) json(role account.Role, method, path string, body any, out any) int {
	r.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = strings.NewReader(string(b))
	}
	status, b := r.do(role, method, path, "application/json", rd)
	if out != nil && status < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			r.t.Fatalf("%s %s: decode %q: %v", method, path, b, err)
		}
	}
	return status
}

// rigTemplate is a data directory with one user and bearer token per
// role (and, for demoTemplate, the analysed demo study), built once per
// test binary and copied for each rig: hashing four passwords and
// analysing the demo for every rig would cost more than all the requests.
type rigTemplate struct {
	dir    string
	tokens map[account.Role]string
}

var demoTemplate, plainTemplate rigTemplate

// newRigTemplate builds a rigTemplate, with the demo study when demo.
func newRigTemplate(ctx context.Context, demo bool) (rigTemplate, error) {
	tpl := rigTemplate{tokens: map[account.Role]string{}}
	dir, err := os.MkdirTemp("", "verbatim-api-rig-")
	if err != nil {
		return tpl, err
	}
	tpl.dir = dir
	load := demo
	if src := os.Getenv("VERBATIM_TEST_DEMO"); demo && src != "" {
		// The analysed demo make test built once, without the race
		// detector (internal/demodata, as app.LoadDemo builds it).
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			return tpl, err
		}
		load = false
	}
	a, err := app.Open(ctx, app.Config{DataDir: dir}, nil)
	if err != nil {
		return tpl, err
	}
	err = fillRigTemplate(ctx, a, load, tpl.tokens)
	if cerr := a.Close(); err == nil {
		err = cerr
	}
	return tpl, err
}

// fillRigTemplate loads the demo study (when demo) and adds a user with a
// bearer token for each role, noting the tokens.
func fillRigTemplate(ctx context.Context, a *app.App, demo bool, tokens map[account.Role]string) error {
	if demo {
		if _, err := a.LoadDemo(ctx, samples.FS, samples.StudyName); err != nil {
			return err
		}
	}
	accounts := a.Accounts()
	for _, role := range account.Roles() {
		u, err := accounts.CreateUser(ctx, string(role)+"1", role, testPassword)
		if err != nil {
			return err
		}
		if _, tokens[role], err = accounts.CreateToken(ctx, u.ID, "test"); err != nil {
			return err
		}
	}
	return nil
}

func TestMain(m *testing.M) {
	ctx := context.Background()
	var err error
	if demoTemplate, err = newRigTemplate(ctx, true); err == nil {
		plainTemplate, err = newRigTemplate(ctx, false)
	}
	code := 1
	if err != nil {
		fmt.Fprintln(os.Stderr, "rig templates:", err)
	} else {
		code = m.Run()
	}
	os.RemoveAll(demoTemplate.dir)
	os.RemoveAll(plainTemplate.dir)
	os.Exit(code)
}

// shareWithEveryRole shares a study a researcher created with every role,
// as its owner would before others use it (docs/ACCESS.md).
func (r *rig) shareWithEveryRole(study int64) {
	r.t.Helper()
	for _, role := range persona.SharedRoles {
		if status := r.json(account.RoleResearcher, "POST", fmt.Sprintf("/api/v1/studies/%d/members", study), map[string]string{"role": role}, nil); status != http.StatusOK {
			r.t.Fatalf("share study %d with %s = %d", study, role, status)
		}
	}
}
