package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const designExample = `templates: templates
api:
  provider: kapso
  base_url: https://api.kapso.ai
  graph_version: v24.0
  update_method: POST
business_account_id: "1234567890"
phone_number_id: "9876543210"
manage:
  ignore: [hello_world, "sample_*"]
  prune: false
  max_deletes: 5
send:
  allowed_recipients: ["15551234567"]
environments:
  staging:    { business_account_id: "111", phone_number_id: "222" }
  production: { business_account_id: "333", phone_number_id: "444", manage: { prune: true } }
`

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "waform.yaml")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestPrecedence(t *testing.T) {
	path := writeConfig(t, designExample)
	tests := []struct {
		name, env       string
		vars            map[string]string
		waba, phone     string
		prune           bool
		wantIgnoreFirst string
	}{
		{"top level", "", nil, "1234567890", "9876543210", false, "hello_world"},
		{"environment block", "production", nil, "333", "444", true, "hello_world"},
		{"env var beats top level", "", map[string]string{EnvBusiness: "999"}, "999", "9876543210", false, "hello_world"},
		{"env var equal to the environment block", "staging", map[string]string{EnvBusiness: "111"}, "111", "222", false, "hello_world"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags, err := Load(Options{Path: path, Env: tt.env, Getenv: envOf(tt.vars)})
			if err != nil || len(diags) > 0 {
				t.Fatalf("Load: %v %v", err, diags)
			}
			if s.BusinessAccountID != tt.waba || s.PhoneNumberID != tt.phone || s.Prune != tt.prune {
				t.Errorf("got waba=%s phone=%s prune=%v", s.BusinessAccountID, s.PhoneNumberID, s.Prune)
			}
			if s.Ignore[0] != tt.wantIgnoreFirst || s.MaxDeletes != 5 || s.UpdateMethod != "POST" {
				t.Errorf("manage/api not applied: %+v", s)
			}
		})
	}
}

func TestUnknownEnvironmentNamesTheDefinedOnes(t *testing.T) {
	_, _, err := Load(Options{Path: writeConfig(t, designExample), Env: "prod"})
	if err == nil || !strings.Contains(err.Error(), `no environment "prod"`) || !strings.Contains(err.Error(), "production, staging") {
		t.Fatalf("err = %v", err)
	}
}

func TestNoFileUsesDefaultsAndEnvironment(t *testing.T) {
	t.Chdir(t.TempDir())
	s, diags, err := Load(Options{Getenv: envOf(map[string]string{EnvAPIKey: "k-123", EnvBusiness: "42"})})
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	if s.File != "" || s.Templates != DefaultTemplates || s.Provider != "kapso" || s.MaxDeletes != DefaultMaxDeletes || s.BusinessAccountID != "42" {
		t.Errorf("defaults: %+v", s)
	}
	if err := s.RequireAccount(); err != nil {
		t.Errorf("RequireAccount: %v", err)
	}
}

func TestExplicitMissingFileIsAnError(t *testing.T) {
	_, _, err := Load(Options{Path: filepath.Join(t.TempDir(), "nope.yaml")})
	if err == nil || !strings.Contains(err.Error(), "read config") {
		t.Fatalf("err = %v", err)
	}
}

func TestRequireAccountSaysWhatToSet(t *testing.T) {
	err := Settings{Provider: "meta"}.RequireAccount()
	if err == nil || !strings.Contains(err.Error(), EnvToken) || !strings.Contains(err.Error(), EnvBusiness) || !strings.Contains(err.Error(), "--local") {
		t.Fatalf("err = %v", err)
	}
	if err := (Settings{}).RequirePhone(); err == nil || !strings.Contains(err.Error(), EnvPhone) {
		t.Fatalf("RequirePhone err = %v", err)
	}
}

func TestSecretsNeverPrint(t *testing.T) {
	s, _, err := Load(Options{Path: writeConfig(t, designExample), Getenv: envOf(map[string]string{EnvAPIKey: "super-secret-key", EnvToken: "tok-secret"})})
	if err != nil {
		t.Fatal(err)
	}
	if s.APIKey != "super-secret-key" {
		t.Fatalf("key not read")
	}
	for _, out := range []string{fmt.Sprintf("%v", s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s), fmt.Sprintf("%s", s.APIKey), fmt.Sprint(s.Token)} {
		if strings.Contains(out, "secret") {
			t.Errorf("secret printed: %s", out)
		}
	}
}

func TestSyntaxErrorsHavePositions(t *testing.T) {
	_, diags, err := Load(Options{Path: writeConfig(t, "templates: [\n")})
	if err == nil || len(diags) == 0 || diags[0].Line == 0 {
		t.Fatalf("err=%v diags=%v", err, diags)
	}
}

func TestSchemaErrorsHavePositions(t *testing.T) {
	path := writeConfig(t, "templates: templates\napi:\n  provider: foo\nmanage:\n  prunee: true\n")
	_, diags, err := Load(Options{Path: path})
	if err == nil || len(diags) != 2 {
		t.Fatalf("err=%v diags=%v", err, diags)
	}
	got := diags[0].String() + "\n" + diags[1].String()
	for _, want := range []string{path + ":3:13: error[schema]", `"foo" is not allowed`, path + ":5:3: error[schema]: unknown key \"prunee\""} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics %q lack %q", got, want)
		}
	}
}

func TestManageLanguagesPerEnvironment(t *testing.T) {
	path := writeConfig(t, "manage:\n  languages: [en_US, es_MX]\nenvironments:\n  br: { manage: { languages: [pt_BR] } }\n  other: { business_account_id: \"1\" }\n")
	for env, want := range map[string]string{"": "en_US,es_MX", "br": "pt_BR", "other": "en_US,es_MX"} {
		s, diags, err := Load(Options{Path: path, Env: env})
		if err != nil || len(diags) > 0 {
			t.Fatalf("Load(%q): %v %v", env, err, diags)
		}
		if got := strings.Join(s.Languages, ","); got != want {
			t.Errorf("env %q: languages %s, want %s", env, got, want)
		}
	}
	bad := writeConfig(t, "manage:\n  languages: [en-us]\n")
	if _, diags, err := Load(Options{Path: bad}); err == nil || len(diags) == 0 {
		t.Errorf("en-us accepted: %v %v", err, diags)
	}
}

func TestApplyParallelism(t *testing.T) {
	path := writeConfig(t, "apply:\n  parallelism: 6\nenvironments:\n  ci: { apply: { parallelism: 3 } }\n")
	for env, want := range map[string]int{"": 6, "ci": 3} {
		s, diags, err := Load(Options{Path: path, Env: env})
		if err != nil || len(diags) > 0 || s.Parallelism != want {
			t.Errorf("env %q: parallelism %d (want %d), %v %v", env, s.Parallelism, want, err, diags)
		}
	}
	_, diags, err := Load(Options{Path: writeConfig(t, "apply:\n  parallelism: 0\n")})
	if err == nil || len(diags) != 1 || !strings.Contains(diags[0].Message, "parallelism") {
		t.Errorf("parallelism 0 accepted: %v %v", err, diags)
	}
}

// --env NAME with an environment variable naming another account stops
// with both values and their sources: a variable left over from 'waform
// emulator' must not redirect a production run.
func TestEnvVarConflictsWithEnvironment(t *testing.T) {
	path := writeConfig(t, designExample)
	for _, tt := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{EnvBusiness: "100000000000001"}, `--env production sets business_account_id "333" (environments.production in waform.yaml), ` +
			`but the environment variable WHATSAPP_BUSINESS_ACCOUNT_ID is "100000000000001"`},
		{map[string]string{EnvPhone: "200000000000001"}, `--env production sets phone_number_id "444" (environments.production in waform.yaml), ` +
			`but the environment variable WHATSAPP_PHONE_NUMBER_ID is "200000000000001"`},
	} {
		_, _, err := Load(Options{Path: path, Env: "production", Getenv: envOf(tt.vars)})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v, want %q", err, tt.want)
		}
	}
}

// Origins say where the account settings came from.
func TestOrigins(t *testing.T) {
	path := writeConfig(t, designExample)
	s, _, err := Load(Options{Path: path, Env: "production", Getenv: envOf(map[string]string{EnvKapsoBase: "http://127.0.0.1:8089"})})
	if err != nil {
		t.Fatal(err)
	}
	want := Origins{Provider: "waform.yaml", BaseURL: "$KAPSO_API_BASE_URL", BusinessAccountID: "environments.production", PhoneNumberID: "environments.production"}
	if s.Origins != want {
		t.Errorf("origins = %+v, want %+v", s.Origins, want)
	}
	t.Chdir(t.TempDir())
	s, _, err = Load(Options{Getenv: envOf(map[string]string{EnvBusiness: "42"})})
	if err != nil {
		t.Fatal(err)
	}
	want = Origins{Provider: "default", BaseURL: "default", BusinessAccountID: "$WHATSAPP_BUSINESS_ACCOUNT_ID", PhoneNumberID: "unset"}
	if s.Origins != want {
		t.Errorf("no file: origins = %+v, want %+v", s.Origins, want)
	}
}

// templates: in waform.yaml is relative to the file's folder, not to the
// working directory.
func TestTemplatesRelativeToConfigFile(t *testing.T) {
	path := writeConfig(t, "templates: wa/templates\n")
	s, _, err := Load(Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := filepath.Join(wd, s.Templates), filepath.Join(filepath.Dir(path), "wa", "templates"); got != want {
		t.Errorf("templates = %q, want %q", got, want)
	}
	other := writeConfig(t, "business_account_id: \"1\"\n")
	s, _, err = Load(Options{Path: other})
	if got, want := filepath.Join(wd, s.Templates), filepath.Join(filepath.Dir(other), DefaultTemplates); err != nil || got != want {
		t.Errorf("default folder = %q (%v), want %q", got, err, want)
	}
	t.Chdir(filepath.Dir(other))
	s, _, _ = Load(Options{Path: other})
	if s.Templates != DefaultTemplates {
		t.Errorf("from the config's folder: templates = %q, want %q", s.Templates, DefaultTemplates)
	}
}
