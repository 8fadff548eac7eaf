package ghaction

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// Env is the process environment as a lookup function.
type Env func(string) string

// Main runs one step of the action: resolve, install, comment, drift or
// sarif (see action.yml). Step outputs go to the file GITHUB_OUTPUT names, log
// lines to stdout. It returns the exit code.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer, env Env) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: waform-action resolve|install|comment|drift|sarif [flags]")
		return 2
	}
	c := &Client{Releases: cmp.Or(env("WAFORM_RELEASES_URL"), DefaultReleases), API: cmp.Or(env("GITHUB_API_URL"), DefaultAPI), Token: env("GITHUB_TOKEN")}
	fl := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fl.SetOutput(stderr)
	var (
		version   = fl.String("version", "", "version input: v1.2.3, v1, latest, or empty for the action's ref")
		actionRef = fl.String("action-ref", "", "the ref the workflow uses the action at (github.action_ref)")
		from      = fl.String("from", "release", "release or source (resolve's output)")
		src       = fl.String("src", ".", "the action's checkout (github.action_path)")
		dest      = fl.String("dest", "", "folder to install waform into")
		repo      = fl.String("repo", env("GITHUB_REPOSITORY"), "owner/name")
		number    = fl.Int("number", 0, "pull request number")
		envName   = fl.String("environment", "", "waform environment")
		exitCode  = fl.Int("exit-code", 1, "exit code of waform plan --detailed-exitcode")
		planFile  = fl.String("plan-file", "", "the plan as Markdown")
		errFile   = fl.String("error-file", "", "waform's stderr")
		runURL    = fl.String("run-url", "", "the workflow run's URL")
		sarifFile = fl.String("file", "", "SARIF log to rebase")
		workDir   = fl.String("working-directory", ".", "where waform ran, relative to the repository root")
	)
	if err := fl.Parse(args[1:]); err != nil {
		return 2
	}
	out := outputs{path: env("GITHUB_OUTPUT")}
	var err error
	switch args[0] {
	case "resolve":
		var p Plan
		if p, err = c.Resolve(ctx, *version, *actionRef); err == nil {
			key, kerr := cacheKey(p, *src)
			err = kerr
			if p.FromSource {
				fmt.Fprintf(stdout, "::notice title=waform built from source::%s: building waform from the action's source at %s (go build, about a minute); pin a released version to download a checked binary instead\n", p.Why, p.Version)
			} else {
				fmt.Fprintf(stdout, "waform %s (%s) from the release archive for %s/%s\n", p.Version, p.Why, runtime.GOOS, runtime.GOARCH)
			}
			out.set("version", p.Version)
			out.set("from", map[bool]string{true: "source", false: "release"}[p.FromSource])
			out.set("cache-key", key)
		}
	case "install":
		var bin string
		if *from == "source" {
			bin, err = BuildFromSource(ctx, *src, *version, runtime.GOOS, *dest)
		} else {
			bin, err = c.InstallRelease(ctx, *version, runtime.GOOS, runtime.GOARCH, *dest)
			if err == nil {
				fmt.Fprintf(stdout, "installed %s, SHA-256 verified against the release's checksums.txt\n", bin)
			}
		}
		if err == nil {
			out.set("path", bin)
		}
	case "comment":
		plan, errText := readOptional(*planFile), readOptional(*errFile)
		body := PlanComment(*envName, Outcome(*exitCode), plan, errText, *runURL)
		var id int64
		if id, err = c.UpsertComment(ctx, *repo, *number, Marker(*envName), body); err == nil {
			fmt.Fprintf(stdout, "plan comment %d on #%d is up to date (%s)\n", id, *number, Outcome(*exitCode))
		}
	case "sarif":
		err = RebaseSARIF(*sarifFile, *workDir)
	case "drift":
		switch Outcome(*exitCode) {
		case PlanFailed:
			err = errors.New("the plan failed, so drift is unknown: the drift issue is left as it is")
		default:
			var r DriftResult
			r, err = c.SyncDriftIssue(ctx, *repo, *envName, Outcome(*exitCode) == PlanChanges, readOptional(*planFile), *runURL)
			if err == nil {
				fmt.Fprintf(stdout, "drift issue for %s: %s %s\n", *envName, r.Action, issueRef(r.Number))
				out.set("issue", fmt.Sprint(r.Number))
			}
		}
	default:
		err = fmt.Errorf("unknown step %q", args[0])
	}
	if err == nil {
		err = out.err
	}
	if err != nil {
		fmt.Fprintf(stderr, "waform-action %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func issueRef(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("#%d", n)
}

// cacheKey names the installed binary in the Actions cache: a release by
// tag and platform; a source build by the hash of the sources, since a
// branch ref moves.
func cacheKey(p Plan, src string) (string, error) {
	platform := runtime.GOOS + "-" + runtime.GOARCH
	if !p.FromSource {
		return "waform-" + p.Version + "-" + platform, nil
	}
	h := sha256.New()
	var files []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != src {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum" || strings.HasSuffix(path, ".json")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hash the source: %w", err)
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(src, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(data))
		h.Write(data)
	}
	return "waform-src-" + hex.EncodeToString(h.Sum(nil))[:16] + "-" + platform, nil
}

func readOptional(path string) string {
	if path == "" {
		return ""
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	return string(data)
}

// outputs appends name=value lines to the step's GITHUB_OUTPUT file.
type outputs struct {
	path string
	err  error
}

func (o *outputs) set(name, value string) {
	if o.path == "" || o.err != nil {
		return
	}
	f, err := os.OpenFile(o.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		o.err = err
		return
	}
	if _, err := fmt.Fprintf(f, "%s=%s\n", name, value); err != nil {
		o.err = err
	}
	if err := f.Close(); err != nil && o.err == nil {
		o.err = err
	}
}
