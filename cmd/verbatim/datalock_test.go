package main

import (
	"bufio"
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Two verbatim processes on one data directory: while `serve` runs,
// `ingest` and `analyze` on the same --data are refused at once with an
// error naming the server's pid and command (before, they waited for
// ever on the index's lock, or wrote beside the server with locks of
// their own). So is an `ingest` on another --data whose --db is the
// server's SQLite file (before, it wrote into it). A server killed with
// SIGKILL leaves no stale lock: the next command runs.
func TestSecondProcessOnADataDirIsRefused(t *testing.T) {
	data := t.TempDir()
	serve := exec.Command(os.Args[0], "serve", "--data", data, "--no-demo", "--addr", "127.0.0.1:0")
	serve.Env = append(os.Environ(), "VERBATIM_RUN_MAIN=1")
	out, err := serve.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var serveErr bytes.Buffer
	serve.Stderr = &serveErr
	if err := serve.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { serve.Process.Kill(); serve.Wait() })
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "Verbatim is running at") {
				ready <- true
				break
			}
		}
		ready <- false
		for sc.Scan() {
		}
	}()
	if !<-ready {
		serve.Wait()
		t.Fatalf("serve ended before it listened: %s", serveErr.String())
	}
	for _, args := range [][]string{
		{"ingest", "--data", data, "--study", "Second", "../../samples/interviews/01-dana-whitfield-brightlane.txt"},
		{"analyze", "--data", data},
		{"search", "--data", data, "price"},
		// Another data directory on the server's SQLite file.
		{"ingest", "--data", t.TempDir(), "--db", filepath.Join(data, "verbatim.db"), "--study", "Second", "../../samples/interviews/01-dana-whitfield-brightlane.txt"},
	} {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "VERBATIM_RUN_MAIN=1")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var err error
		select {
		case err = <-done:
		case <-time.After(2 * time.Minute): // a hang guard, not a timing
			cmd.Process.Kill()
			t.Fatalf("%s still runs beside serve after 2 minutes: it waits on the data directory instead of refusing", args[0])
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("%s beside serve: %v; want it refused", args[0], err)
		}
		msg := stderr.String()
		for _, want := range []string{"pid " + strconv.Itoa(serve.Process.Pid), "serve", data} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s beside serve says %q; want it to name %q", args[0], msg, want)
			}
		}
	}
	serve.Process.Signal(syscall.SIGKILL)
	serve.Wait()
	if code, stdout, stderr := runCLI(t, "ingest", "--data", data, "--study", "After", "../../samples/interviews/01-dana-whitfield-brightlane.txt"); code != 0 {
		t.Fatalf("ingest after serve was killed: exit %d: %s %s", code, stdout, stderr)
	}
}
