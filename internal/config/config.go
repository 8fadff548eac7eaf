// Package config turns waform.yaml, the chosen environment and the process
// environment into Settings. Secrets come only from the environment, never
// from the file, and never leave this package in printable form.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/secret"
	"github.com/waform/waform/internal/spec"
)

// DefaultFile is the config file looked for in the working directory.
const DefaultFile = "waform.yaml"

// Defaults applied when neither the file nor the environment says otherwise.
const (
	DefaultTemplates  = "templates"
	DefaultProvider   = "kapso"
	DefaultMaxDeletes = 5
)

// Environment variables waform reads.
const (
	EnvAPIKey        = "KAPSO_API_KEY"
	EnvToken         = "META_ACCESS_TOKEN"
	EnvKapsoBase     = "KAPSO_API_BASE_URL"
	EnvKapsoMetaBase = "KAPSO_META_BASE_URL"
	EnvGraphVersion  = "META_GRAPH_VERSION"
	EnvBusiness      = "WHATSAPP_BUSINESS_ACCOUNT_ID"
	EnvPhone         = "WHATSAPP_PHONE_NUMBER_ID"
	EnvAppID         = "META_APP_ID"
)

// Settings is everything a command needs to know about where and how to work.
type Settings struct {
	File string // config file read; "" when none
	Env  string // environment chosen with --env

	Templates string // folder of template files, relative to the working directory

	Provider     string // kapso | meta
	BaseURL      string // api.base_url or KAPSO_API_BASE_URL
	MetaBaseURL  string // KAPSO_META_BASE_URL: replaces the whole kapso prefix
	GraphVersion string
	UpdateMethod string
	// AppID is the Meta app that header media files are uploaded to
	// (api.app_id or META_APP_ID); needed only by such uploads.
	AppID string

	BusinessAccountID string
	PhoneNumberID     string

	Ignore     []string
	Prune      bool
	MaxDeletes int
	// Languages every template must have (manage.languages).
	Languages []string

	AllowedRecipients []string

	// Parallelism is apply.parallelism; 0 when unset (apply's default).
	Parallelism int

	APIKey secret.Secret // KAPSO_API_KEY
	Token  secret.Secret // META_ACCESS_TOKEN

	// Origins says where the values that pick the account came from.
	Origins Origins
}

// Origins name the source of each setting that decides which account a
// command talks to: "default", "waform.yaml", "environments.NAME", or the
// environment variable ("$WHATSAPP_BUSINESS_ACCOUNT_ID"). Commands may set
// others ("--local").
type Origins struct {
	Provider, BaseURL, BusinessAccountID, PhoneNumberID string
}

// file mirrors waform.yaml; pointers tell "absent" from "zero".
type file struct {
	Templates    string           `json:"templates"`
	Environments map[string]layer `json:"environments"`
	layer
}

// layer is the part of waform.yaml an environment may override.
type layer struct {
	API               *api    `json:"api"`
	BusinessAccountID *string `json:"business_account_id"`
	PhoneNumberID     *string `json:"phone_number_id"`
	Manage            *manage `json:"manage"`
	Send              *send   `json:"send"`
	Apply             *apply  `json:"apply"`
}

type apply struct {
	Parallelism *int `json:"parallelism"`
}

type api struct {
	Provider     *string `json:"provider"`
	BaseURL      *string `json:"base_url"`
	GraphVersion *string `json:"graph_version"`
	UpdateMethod *string `json:"update_method"`
	AppID        *string `json:"app_id"`
}

type manage struct {
	Ignore     []string `json:"ignore"`
	Languages  []string `json:"languages"`
	Prune      *bool    `json:"prune"`
	MaxDeletes *int     `json:"max_deletes"`
}

type send struct {
	AllowedRecipients []string `json:"allowed_recipients"`
}

// Options say where to look and which environment to pick.
type Options struct {
	Path   string              // --config; "" means ./waform.yaml when present
	Env    string              // --env
	Getenv func(string) string // the process environment
}

// ErrInvalid is returned with the diagnostics of a config file that does not
// validate; the diagnostics carry file:line:col.
var ErrInvalid = errors.New("invalid config")

// Load reads the config file (if any), validates it, applies the chosen
// environment and then environment variables. Precedence, highest first:
// flags (applied by the caller), environment variables, environments.NAME,
// top level, defaults.
func Load(opts Options) (Settings, []diag.Diagnostic, error) {
	getenv := opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	s := Settings{Templates: DefaultTemplates, Provider: DefaultProvider, MaxDeletes: DefaultMaxDeletes, Env: opts.Env,
		Origins: Origins{Provider: "default", BaseURL: "default", BusinessAccountID: "unset", PhoneNumberID: "unset"}}
	f, path, diags, err := read(opts.Path)
	if err != nil || diag.HasErrors(diags) {
		return s, diags, err
	}
	s.File = path
	if f.Templates != "" {
		s.Templates = f.Templates
	}
	if path != "" && !filepath.IsAbs(s.Templates) {
		s.Templates = besideConfig(path, s.Templates)
	}
	if path != "" {
		s.apply(f.layer, "waform.yaml")
	}
	if opts.Env != "" {
		env, ok := f.Environments[opts.Env]
		if !ok {
			return s, diags, fmt.Errorf("load config: no environment %q in %s; defined: %s",
				opts.Env, describeFile(path), listOrNone(f.Environments))
		}
		if err := envConflict(opts.Env, env, getenv); err != nil {
			return s, diags, err
		}
		s.apply(env, "environments."+opts.Env)
	}
	s.applyEnv(getenv)
	return s, diags, nil
}

// besideConfig resolves a path written in the config file against the
// file's folder, wherever waform runs from; relative to the working
// directory when it can be, so diagnostics stay short.
func besideConfig(config, p string) string {
	p = filepath.Join(filepath.Dir(config), p)
	if !filepath.IsAbs(p) {
		return p
	}
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, p); err == nil {
			return rel
		}
	}
	return p
}

// envConflict refuses an environment variable that would silently replace
// the account --env selects: a WHATSAPP_BUSINESS_ACCOUNT_ID left over from
// 'waform emulator' must not turn a production plan into a plan of another
// account.
func envConflict(name string, env layer, getenv func(string) string) error {
	for _, c := range []struct {
		key, variable string
		value         *string
	}{
		{"business_account_id", EnvBusiness, env.BusinessAccountID},
		{"phone_number_id", EnvPhone, env.PhoneNumberID},
	} {
		if c.value == nil || *c.value == "" {
			continue
		}
		if v := strings.TrimSpace(getenv(c.variable)); v != "" && v != *c.value {
			return fmt.Errorf("--env %s sets %s %q (environments.%s in waform.yaml), but the environment variable %s is %q: "+
				"unset %s, or drop --env to use it", name, c.key, *c.value, name, c.variable, v, c.variable)
		}
	}
	return nil
}

func describeFile(path string) string {
	if path == "" {
		return "the config (no waform.yaml found)"
	}
	return path
}

func listOrNone(envs map[string]layer) string {
	if len(envs) == 0 {
		return "none"
	}
	names := make([]string, 0, len(envs))
	for name := range envs {
		names = append(names, name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// read loads and validates the config file. A missing default file is not
// an error: waform works from defaults and the environment alone.
func read(path string) (file, string, []diag.Diagnostic, error) {
	explicit := path != ""
	if !explicit {
		path = DefaultFile
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return file{}, "", nil, nil
	}
	if err != nil {
		return file{}, "", nil, fmt.Errorf("read config: %w", err)
	}
	docs, diags := spec.Parse(path, data)
	if diag.HasErrors(diags) {
		return file{}, path, diags, ErrInvalid
	}
	if len(docs) != 1 {
		return file{}, path, []diag.Diagnostic{diag.Errorf(docs[1].Start, "config-documents",
			"waform.yaml holds one YAML document; remove the extra ones")}, ErrInvalid
	}
	if ds := validateAgainstSchema(docs[0]); len(ds) > 0 {
		diag.Sort(ds)
		return file{}, path, ds, ErrInvalid
	}
	var f file
	data, err = json.Marshal(docs[0].Value)
	if err == nil {
		err = json.Unmarshal(data, &f)
	}
	if err != nil {
		return file{}, path, nil, fmt.Errorf("decode config %s: %w", path, err)
	}
	return f, filepath.Clean(path), nil, nil
}

func (s *Settings) apply(l layer, origin string) {
	if a := l.API; a != nil {
		setFrom(&s.Provider, a.Provider, &s.Origins.Provider, origin)
		setFrom(&s.BaseURL, a.BaseURL, &s.Origins.BaseURL, origin)
		set(&s.GraphVersion, a.GraphVersion)
		set(&s.UpdateMethod, a.UpdateMethod)
		set(&s.AppID, a.AppID)
	}
	setFrom(&s.BusinessAccountID, l.BusinessAccountID, &s.Origins.BusinessAccountID, origin)
	setFrom(&s.PhoneNumberID, l.PhoneNumberID, &s.Origins.PhoneNumberID, origin)
	if m := l.Manage; m != nil {
		if m.Ignore != nil {
			s.Ignore = m.Ignore
		}
		if m.Languages != nil {
			s.Languages = m.Languages
		}
		if m.Prune != nil {
			s.Prune = *m.Prune
		}
		if m.MaxDeletes != nil {
			s.MaxDeletes = *m.MaxDeletes
		}
	}
	if l.Send != nil && l.Send.AllowedRecipients != nil {
		s.AllowedRecipients = l.Send.AllowedRecipients
	}
	if l.Apply != nil && l.Apply.Parallelism != nil {
		s.Parallelism = *l.Apply.Parallelism
	}
}

func set(dst *string, v *string) {
	if v != nil && *v != "" {
		*dst = *v
	}
}

func setFrom(dst, v, dstOrigin *string, origin string) {
	if v != nil && *v != "" {
		*dst, *dstOrigin = *v, origin
	}
}

func (s *Settings) applyEnv(getenv func(string) string) {
	var ignored string
	for _, e := range []struct {
		dst, origin *string
		name        string
	}{
		{&s.BaseURL, &s.Origins.BaseURL, EnvKapsoBase},
		{&s.MetaBaseURL, &s.Origins.BaseURL, EnvKapsoMetaBase},
		{&s.GraphVersion, &ignored, EnvGraphVersion},
		{&s.BusinessAccountID, &s.Origins.BusinessAccountID, EnvBusiness},
		{&s.PhoneNumberID, &s.Origins.PhoneNumberID, EnvPhone},
		{&s.AppID, &ignored, EnvAppID},
	} {
		if v := strings.TrimSpace(getenv(e.name)); v != "" {
			*e.dst, *e.origin = v, "$"+e.name
		}
	}
	s.APIKey = secret.Secret(strings.TrimSpace(getenv(EnvAPIKey)))
	s.Token = secret.Secret(strings.TrimSpace(getenv(EnvToken)))
}

// RequireAccount checks what every API command needs and says exactly which
// variable or key to set when something is missing.
func (s Settings) RequireAccount() error {
	var missing []string
	switch s.Provider {
	case "meta":
		if s.Token == "" {
			missing = append(missing, "an access token: set "+EnvToken)
		}
	default:
		if s.APIKey == "" {
			missing = append(missing, "an API key: set "+EnvAPIKey)
		}
	}
	if s.BusinessAccountID == "" {
		missing = append(missing, "a WhatsApp Business Account id: set business_account_id in waform.yaml or "+EnvBusiness)
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing %s (or use --local to run against the embedded emulator)", strings.Join(missing, "; "))
	}
	return nil
}

// RequirePhone checks what sending needs beyond RequireAccount.
func (s Settings) RequirePhone() error {
	if s.PhoneNumberID == "" {
		return fmt.Errorf("missing a phone number id: set phone_number_id in waform.yaml or %s", EnvPhone)
	}
	return nil
}
