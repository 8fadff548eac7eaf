package ghaction

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"strings"
)

// RebaseSARIF rewrites the relative locations (uriBaseId %SRCROOT%) of the
// SARIF log in file to start with prefix, the working directory's path in
// the repository: waform writes them relative to the folder it ran in, and
// code scanning resolves them against the repository root.
func RebaseSARIF(file, prefix string) error {
	prefix = strings.Trim(path.Clean("/"+strings.ReplaceAll(prefix, `\`, "/")), "/")
	if prefix == "" {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var log map[string]any
	if err := json.Unmarshal(data, &log); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	for _, run := range asList(log["runs"]) {
		for _, res := range asList(asMap(run)["results"]) {
			for _, loc := range asList(asMap(res)["locations"]) {
				art := asMap(asMap(asMap(loc)["physicalLocation"])["artifactLocation"])
				if uri, ok := art["uri"].(string); ok && art["uriBaseId"] == "%SRCROOT%" {
					art["uri"] = prefix + "/" + strings.TrimPrefix(uri, "./")
				}
			}
		}
		delete(asMap(run), "originalUriBaseIds") // it named the working directory
	}
	out, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(out, '\n'), 0o644)
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	if m == nil {
		return map[string]any{}
	}
	return m
}
