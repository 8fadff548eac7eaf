package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/emulator"
	"github.com/waform/waform/internal/graph"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/render"
	"github.com/waform/waform/internal/secret"
)

// LocalStateFile is where --local keeps the embedded emulator's state,
// relative to the working directory.
var LocalStateFile = filepath.Join(".waform", "local-state.json")

// envLocalApprove picks the embedded emulator's review behaviour
// (instant, delay, never, reject), so the PENDING path can be tried locally.
const envLocalApprove = "WAFORM_LOCAL_APPROVE"

// session is what an API command works with: settings, a client, and a
// cleanup that stops the embedded emulator when --local started one.
type session struct {
	settings config.Settings
	client   *graph.Client
	close    func()
	// target is the account the session talks to, with where each value
	// came from: every command that talks to an account shows it first.
	target plan.Account
}

// account is the session's client bound to its business account.
func (s *session) account() graph.Account {
	return graph.Account{Client: s.client, WABA: s.settings.BusinessAccountID, AppID: s.settings.AppID}
}

// loadSettings reads waform.yaml, showing its diagnostics when invalid.
func loadSettings(g *Globals, v render.View, env Env) (config.Settings, error) {
	settings, diags, err := config.Load(config.Options{Path: g.Config, Env: g.Env, Getenv: env})
	if werr := v.Diagnostics(diags); werr != nil {
		return settings, werr
	}
	if errors.Is(err, config.ErrInvalid) {
		return settings, &exitError{code: exitFailure, msg: "waform.yaml is invalid; see the errors above"}
	}
	return settings, err
}

// templatePaths returns the paths given on the command line, or else the
// configured templates folder.
func templatePaths(given []string, g *Globals, v render.View, env Env) ([]string, error) {
	if len(given) > 0 {
		return given, nil
	}
	settings, err := loadSettings(g, v, env)
	if err != nil {
		return nil, err
	}
	return []string{settings.Templates}, nil
}

// originLocal is the origin of the settings --local replaces.
const originLocal = "--local"

// openSession resolves settings and connects: to the embedded emulator with
// --local, else to the configured provider.
func openSession(ctx context.Context, g *Globals, v render.View, env Env) (*session, error) {
	settings, err := loadSettings(g, v, env)
	if err != nil {
		return nil, err
	}
	stop := func() {}
	origins := settings.Origins
	if g.Local {
		origins = config.Origins{Provider: originLocal, BaseURL: originLocal, BusinessAccountID: originLocal, PhoneNumberID: originLocal}
		local, err := startLocal(ctx, env(envLocalApprove))
		if err != nil {
			return nil, err
		}
		stop = local.stop
		settings.Provider = "kapso"
		settings.BaseURL, settings.MetaBaseURL = local.url, ""
		settings.APIKey = secret.Secret(local.APIKey())
		settings.BusinessAccountID = local.BusinessAccountID()
		settings.PhoneNumberID = local.PhoneNumberID()
		if settings.AppID == "" {
			settings.AppID = local.AppID()
		}
	} else if err := settings.RequireAccount(); err != nil {
		return nil, err
	}
	client, err := newClient(settings, g, v.Err)
	if err != nil {
		stop()
		return nil, err
	}
	settings.Origins = origins
	g.account = &settings // for explainAPIError
	target := plan.Account{
		Provider: settings.Provider, APIHost: client.Host(), BusinessAccountID: settings.BusinessAccountID, Env: settings.Env,
		Sources: plan.AccountSources{Provider: origins.Provider, APIHost: origins.BaseURL, BusinessAccountID: origins.BusinessAccountID},
	}
	if target.Env != "" {
		target.Sources.Env = "--env"
	}
	return &session{settings: settings, client: client, close: stop, target: target}, nil
}

func newClient(settings config.Settings, g *Globals, trace io.Writer) (*graph.Client, error) {
	base, err := graph.ResolveBaseURL(graph.Endpoint{
		Provider:     settings.Provider,
		BaseURL:      settings.BaseURL,
		MetaBaseURL:  settings.MetaBaseURL,
		GraphVersion: settings.GraphVersion,
	})
	if err != nil {
		return nil, err
	}
	opts := graph.Options{
		Provider:     settings.Provider,
		BaseURL:      base,
		APIKey:       settings.APIKey,
		Token:        settings.Token,
		UpdateMethod: settings.UpdateMethod,
		Version:      Version(),
		Connections:  parallelismFor(settings, nil),
	}
	if g.Verbose {
		opts.Trace = trace
	}
	return graph.New(opts)
}

// localEmulator is an emulator served in-process on a loopback port.
type localEmulator struct {
	*emulator.Server
	url  string
	stop func()
}

// startLocal serves an emulator whose state persists in LocalStateFile, so
// that successive --local commands see one account. Two commands running at
// once on the same folder would each keep their own copy: the last to write
// wins, which is acceptable for a local trial.
func startLocal(ctx context.Context, approve string) (*localEmulator, error) {
	if err := emulator.ValidateMode(approve); err != nil {
		return nil, fmt.Errorf("%s: %w", envLocalApprove, err)
	}
	if err := os.MkdirAll(filepath.Dir(LocalStateFile), 0o755); err != nil {
		return nil, fmt.Errorf("start local emulator: %w", err)
	}
	emu, err := emulator.New(emulator.Options{StatePath: LocalStateFile, Approval: emulator.Approval{Mode: approve}})
	if err != nil {
		return nil, fmt.Errorf("start local emulator: %w", err)
	}
	l, err := emu.Listen(ctx, "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start local emulator: %w", err)
	}
	return &localEmulator{Server: emu, url: l.URL, stop: func() { _ = l.Close(ctx) }}, nil
}

// announce names the account on stderr before a command that is not a
// plan talks to it (plans carry the line themselves); JSON output stays
// the only output.
func (s *session) announce(v render.View) {
	if v.Format != render.FormatJSON {
		fmt.Fprintln(v.Err, render.TargetLine(s.target))
	}
}

// announceFailure names the account when planning failed on it (a refused
// key, an unknown account, an unreachable host): a plan carries its Target
// line only when it can be shown. Invalid files (an exitError) fail before
// the account matters, so they get none.
func (s *session) announceFailure(v render.View, err error) {
	var ee *exitError
	if err != nil && !errors.As(err, &ee) {
		s.announce(v)
	}
}
