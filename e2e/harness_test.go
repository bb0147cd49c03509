package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Generous limits: they only bound how long a broken run hangs.
const (
	buildTimeout    = 5 * time.Minute
	startTimeout    = 2 * time.Minute
	analysisTimeout = 2 * time.Minute
)

// user is an account the tests sign in with.
type user struct{ name, role, password string }

var (
	admin      = user{name: "admin", role: "admin"} // password read from stdout
	researcher = user{"rita-researcher", "researcher", "rita-e2e-password-1"}
	marketer   = user{"mo-marketer", "marketer", "mo-e2e-password-1"}
	sales      = user{"sam-sales", "sales", "sam-e2e-password-1"}
)

// env is what TestMain set up; tests read it through needServer.
var env struct {
	chromium string // browser binary; "" when missing
	skip     string // why the tests cannot run here
	fail     string // why the tests must fail (CI without chromium, broken server)
	base     string // http://127.0.0.1:PORT, no trailing slash
	study    int64  // the demo study
	api      *client
}

func TestMain(m *testing.M) { os.Exit(runMain(m)) }

func runMain(m *testing.M) int {
	flag.Parse()
	env.chromium = findChromium()
	switch {
	case env.chromium == "" && os.Getenv("CI") == "true":
		env.fail = "chromium not found (install Debian's chromium or set VERBATIM_CHROMIUM)"
	case env.chromium == "":
		env.skip = "chromium not found: install it (apt-get install chromium) or set VERBATIM_CHROMIUM to run the browser tests"
	case testing.Short():
		env.skip = "browser tests do not run with -short"
	}
	if env.skip != "" || env.fail != "" {
		return m.Run()
	}
	tmp, err := os.MkdirTemp("", "verbatim-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	srv, err := start(tmp)
	if srv != nil {
		defer srv.stop()
	}
	if err == nil {
		err = setup(srv)
	}
	if err != nil {
		env.fail = err.Error()
		if srv != nil {
			env.fail += "\nserver log:\n" + srv.logTail()
		}
	}
	defer stopChromium()
	return m.Run()
}

// needServer skips or fails the test when TestMain could not start Verbatim.
func needServer(t *testing.T) {
	t.Helper()
	if env.fail != "" {
		t.Fatal(env.fail)
	}
	if env.skip != "" {
		t.Skip(env.skip)
	}
}

func findChromium() string {
	if p := os.Getenv("VERBATIM_CHROMIUM"); p != "" {
		p, _ = exec.LookPath(p)
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// server is a running `verbatim serve`.
type server struct {
	cmd  *exec.Cmd
	log  string // its stderr
	done chan struct{}
}

// start builds the binary (unless VERBATIM_BIN names one) and runs it with a
// fresh data directory, waiting for the address and the admin password.
func start(tmp string) (*server, error) {
	bin := os.Getenv("VERBATIM_BIN")
	if bin == "" {
		var err error
		if bin, err = build(tmp); err != nil {
			return nil, err
		}
	}
	s := &server{log: filepath.Join(tmp, "server.log"), done: make(chan struct{})}
	logf, err := os.Create(s.log)
	if err != nil {
		return nil, err
	}
	s.cmd = exec.Command(bin, "serve", "--data", filepath.Join(tmp, "data"), "--addr", "127.0.0.1:0")
	s.cmd.Stderr = logf
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() { _ = s.cmd.Wait(); logf.Close(); close(s.done) }()
	if err := s.readBanner(out); err != nil {
		return s, err
	}
	return s, nil
}

func build(tmp string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	gomod, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	if strings.TrimSpace(string(gomod)) == "" || strings.TrimSpace(string(gomod)) == os.DevNull {
		root = ".."
	}
	bin := filepath.Join(tmp, "verbatim")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/verbatim")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/verbatim: %w\n%s", err, out)
	}
	return bin, nil
}

var (
	runningRE  = regexp.MustCompile(`Verbatim is running at (http://\S+?)/?\s*$`)
	passwordRE = regexp.MustCompile(`one-time password: (\S+)`)
)

// readBanner reads stdout until it has the URL and the admin password, then
// keeps draining it so the server never blocks on a full pipe.
func (s *server) readBanner(out io.Reader) error {
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timeout := time.After(startTimeout)
	for env.base == "" || admin.password == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				return fmt.Errorf("verbatim serve exited before printing its address and admin password")
			}
			if m := runningRE.FindStringSubmatch(line); m != nil {
				env.base = m[1]
			}
			if m := passwordRE.FindStringSubmatch(line); m != nil {
				admin.password = m[1]
			}
		case <-timeout:
			return fmt.Errorf("verbatim serve printed no address and admin password within %v", startTimeout)
		}
	}
	go func() {
		for range lines {
		}
	}()
	return nil
}

// stop asks the server to shut down, and kills it if it does not.
func (s *server) stop() {
	if s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// setup signs in as admin, creates one user per role and finds the demo study.
func setup(*server) error {
	c, err := signedIn(admin)
	if err != nil {
		return err
	}
	env.api = c
	for _, u := range []user{researcher, marketer, sales} {
		body := map[string]string{"name": u.name, "role": u.role, "password": u.password}
		if err := c.do("POST", "/api/v1/users", body, nil); err != nil {
			return fmt.Errorf("create %s: %w", u.role, err)
		}
	}
	var list struct {
		Studies []struct {
			ID   int64  `json:"id"`
			Name string `json:"name"`
		} `json:"studies"`
	}
	if err := c.do("GET", "/api/v1/studies", nil, &list); err != nil {
		return err
	}
	for _, st := range list.Studies {
		if strings.HasPrefix(st.Name, "Demo") {
			env.study = st.ID
		}
	}
	if env.study == 0 {
		return fmt.Errorf("no demo study among %+v", list.Studies)
	}
	return nil
}

// client calls the JSON API with a session cookie.
type client struct{ hc *http.Client }

func signedIn(u user) (*client, error) {
	jar, _ := cookiejar.New(nil)
	c := &client{hc: &http.Client{Jar: jar, Timeout: time.Minute}}
	err := c.do("POST", "/api/v1/auth/signin", map[string]string{"name": u.name, "password": u.password}, nil)
	if err != nil {
		return nil, fmt.Errorf("sign in as %s: %w", u.name, err)
	}
	return c, nil
}

// do sends body as JSON and decodes a 2xx reply into out (if not nil).
func (c *client) do(method, path string, body, out any) error {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, env.base+path, r)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return c.send(req, out)
}

func (c *client) send(req *http.Request, out any) error {
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s: %s", req.Method, req.URL.Path, resp.Status, b)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(b, out)
}

// fileResult is one file of an upload's reply.
type fileResult struct {
	Path     string `json:"path"`
	Status   string `json:"status"`
	SourceID int64  `json:"source_id"`
	Quotes   int    `json:"quotes"`
	Error    string `json:"error"`
}

// uploadFiles sends files (any paths) to a study.
func (c *client) uploadFiles(study int64, paths ...string) ([]fileResult, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		w, err := mw.CreateFormFile("files", filepath.Base(p))
		if err != nil {
			return nil, err
		}
		w.Write(b)
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	req, err := http.NewRequest("POST", fmt.Sprintf("%s/api/v1/studies/%d/sources", env.base, study), &buf)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var out struct {
		Files []fileResult `json:"files"`
	}
	err = c.send(req, &out)
	return out.Files, err
}

// upload sends files from testdata to a study as multipart parts named files.
func (c *client) upload(study int64, names ...string) ([]fileResult, error) {
	paths := make([]string, len(names))
	for i, name := range names {
		paths[i] = filepath.Join("testdata", name)
	}
	return c.uploadFiles(study, paths...)
}

// analysis is a study's analysis status.
type analysis struct {
	Running bool   `json:"running"`
	Stage   string `json:"stage"`
	Version int64  `json:"version"`
}

func (c *client) analysis(study int64) (analysis, error) {
	var a analysis
	err := c.do("GET", fmt.Sprintf("/api/v1/studies/%d/analysis", study), nil, &a)
	return a, err
}

// waitAnalysis waits until the study's analysis is done at a version after
// the given one.
func (c *client) waitAnalysis(t *testing.T, study, after int64) analysis {
	t.Helper()
	deadline := time.Now().Add(analysisTimeout)
	for {
		a, err := c.analysis(study)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Running && a.Stage == "done" && a.Version > after {
			return a
		}
		if time.Now().After(deadline) {
			t.Fatalf("analysis of study %d not done after %v: %+v (wanted a version after %d)", study, analysisTimeout, a, after)
		}
		time.Sleep(250 * time.Millisecond)
	}
}
