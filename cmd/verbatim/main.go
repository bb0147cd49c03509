// Command verbatim is Verbatim's single binary: serve, ingest, search,
// reindex, analyze, eval, and account administration. It is the only
// place that wires the packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/verbatimhq/verbatim/app"
	"github.com/verbatimhq/verbatim/persona"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what every command gets.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
}

type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"ingest":      {"ingest transcripts and surveys (files or folders)", cmdIngest},
		"search":      {"search buyer quotes", cmdSearch},
		"objections":  {"answer a buyer objection: quotes, themes, what they value instead", cmdObjections},
		"export":      {"export a study's data: export quotes, export study --format qdpx (REFI-QDA)", cmdExport},
		"reindex":     {"rebuild the search index from the database", cmdReindex},
		"attributes":  {"set participants' attributes from a CSV (source,label,...)", cmdAttributes},
		"analyze":     {"find themes and personas in a study", cmdAnalyze},
		"eval":        {"score the theme grouping against labelled data", cmdEval},
		"serve":       {"run the web app and API", cmdServe},
		"user":        {"manage accounts: user add|list", cmdUser},
		"token":       {"manage API tokens: token create|revoke|list", cmdToken},
		"gaps":        {"check collateral against what the buyers say (content gaps)", cmdGaps},
		"waves":       {"theme shares per research wave and significant changes", cmdWaves},
		"migrate":     {"copy a SQLite study base into an empty PostgreSQL database", cmdMigrate},
		"codebook":    {"a study's codebook: codebook import|export (CSV, REFI-QDA .qdc), codebook suggest (code the rest from the examples)", cmdCodebook},
		"agreement":   {"inter-coder agreement: percent, Cohen's kappa, Krippendorff's alpha", cmdAgreement},
		"share":       {"who sees a study: share --study NAME [--role R | --user U] [--remove]", cmdShare},
		"redact":      {"apply the study's redaction to what is already stored: redact --study NAME [--on]", cmdRedact},
		"participant": {"delete a participant and everything of theirs: participant delete ID", cmdParticipant},
	}
}

// errUsage makes run exit 2 without printing the error twice.
var errUsage = errors.New("usage")

// exitError carries an exit status without a message (e.g. some files
// failed to ingest; the per-file summary already said which).
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		return 2
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "verbatim: unknown command %q\n", args[0])
		usage(stderr)
		return 2
	}
	err := c.run(ctx, env{stdin: stdin, stdout: stdout, stderr: stderr, log: log}, args[1:])
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return int(ee)
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		return 2
	}
	fmt.Fprintf(stderr, "verbatim %s: %s\n", args[0], cliMessage(err))
	return 1
}

// cliMessage is err's text without a domain sentinel's suffix (": invalid",
// ": not found"): the sentinel tells programs what kind of error it is, the
// words before it tell people what is wrong.
func cliMessage(err error) string {
	msg := err.Error()
	for _, s := range []error{persona.ErrInvalid, persona.ErrNotFound, persona.ErrDuplicate, persona.ErrConflict, persona.ErrForbidden} {
		msg = strings.TrimSuffix(msg, ": "+s.Error())
	}
	return msg
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: verbatim COMMAND [flags] [args]\n\ncommands:")
	order := []string{"serve", "ingest", "attributes", "search", "objections", "export", "analyze", "reindex", "eval", "user", "token", "gaps", "waves", "codebook", "agreement", "share", "redact", "participant", "migrate"}
	// Every command is listed: one missing from order comes after it.
	var rest []string
	for name := range commands {
		if !slices.Contains(order, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	for _, name := range append(order, rest...) {
		if c, ok := commands[name]; ok {
			fmt.Fprintf(w, "  %-11s %s\n", name, c.summary)
		}
	}
	fmt.Fprintln(w, "\nRun 'verbatim COMMAND -h' for a command's flags.")
}

// parseInterspersed parses flags that may come before or after positional
// arguments ("verbatim search price --json").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// dataFlags are where a command's data lives: --data (the directory:
// search index, and the SQLite file by default), --db (the database URL;
// empty means DIR/verbatim.db) and --search/--search-url (the search
// backend; on a postgres:// database it defaults to PostgreSQL search in
// the same database, so every process shares one index).
type dataFlags struct{ dir, db, search, searchURL string }

// dataFlag adds --data and --db with their defaults from VERBATIM_DATA and
// VERBATIM_DB.
func dataFlag(fs *flag.FlagSet) *dataFlags {
	d := &dataFlags{}
	def := app.DefaultConfig()
	fs.StringVar(&d.dir, "data", def.DataDir, "data directory (env VERBATIM_DATA)")
	fs.StringVar(&d.db, "db", def.DB, "database: postgres://USER@HOST/DB or a SQLite file (default DIR/verbatim.db; env VERBATIM_DB)")
	fs.StringVar(&d.search, "search", def.Search, "search backend: bleve (an index in --data) or postgres; default postgres on a postgres:// --db, else bleve (env VERBATIM_SEARCH)")
	fs.StringVar(&d.searchURL, "search-url", def.SearchURL, "PostgreSQL URL for --search postgres; default the --db URL (env VERBATIM_SEARCH_URL)")
	return d
}

// config is the app configuration d names.
func (d dataFlags) config() app.Config {
	cfg := app.DefaultConfig()
	cfg.DataDir, cfg.DB, cfg.Search, cfg.SearchURL = d.dir, d.db, d.search, d.searchURL
	return cfg
}

// recurringFlag adds --recurring with its default from VERBATIM_RECURRING.
func recurringFlag(fs *flag.FlagSet) *int {
	return fs.Int("recurring", app.DefaultConfig().Recurring, "participants who must raise a theme for it to count as recurring (env VERBATIM_RECURRING)")
}

// openApp opens the data directory; set, when given, adjusts the
// configuration first.
func openApp(ctx context.Context, e env, data dataFlags, set ...func(*app.Config)) (*app.App, error) {
	cfg := data.config()
	for _, f := range set {
		f(&cfg)
	}
	return app.Open(ctx, cfg, e.log)
}

// openStudy opens the data directory and resolves one study for cmd, which
// works on a single study: "" is the most recently analysed one, and
// "all" is refused. The caller closes the App.
func openStudy(ctx context.Context, e env, data dataFlags, study, cmd string) (*app.App, persona.Study, error) {
	if study == app.AllStudies {
		return nil, persona.Study{}, fmt.Errorf("%s: name one study, not %q", cmd, study)
	}
	a, err := openApp(ctx, e, data)
	if err != nil {
		return nil, persona.Study{}, err
	}
	st, _, err := a.ResolveStudy(ctx, study)
	if err != nil {
		a.Close()
		return nil, persona.Study{}, err
	}
	return a, st, nil
}

// withRecurring sets Config.Recurring to n, the value of --recurring, after
// checking it and $VERBATIM_RECURRING (its default) are whole numbers of
// participants, 1 or more.
func withRecurring(n int) (func(*app.Config), error) {
	if v := os.Getenv("VERBATIM_RECURRING"); v != "" {
		if m, err := strconv.Atoi(v); err != nil || m < 1 {
			return nil, fmt.Errorf("VERBATIM_RECURRING=%q: want a whole number of participants, 1 or more", v)
		}
	}
	if n < 1 {
		return nil, fmt.Errorf("--recurring %d: want a whole number of participants, 1 or more", n)
	}
	return func(c *app.Config) { c.Recurring = n }, nil
}
