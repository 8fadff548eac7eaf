package render

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/waform/waform/internal/diag"
)

// FormatSARIF is the diagnostics format GitHub code scanning (and other
// SARIF viewers) read: SARIF 2.1.0, one run.
const FormatSARIF = "sarif"

// SARIFRule is what a SARIF log says about one rule: validate's rule table
// is the source, so render does not import validate.
type SARIFRule struct {
	ID       string
	Severity diag.Severity
	Summary  string
	Subcode  int // Meta's error subcode for a create breaking the rule; 0 for none
}

// SARIFTool names the tool that produced the diagnostics.
type SARIFTool struct {
	Name           string
	Version        string
	InformationURI string
	Rules          []SARIFRule
}

// The subset of SARIF 2.1.0 waform writes. Field names and nesting follow
// the OASIS standard; testdata/sarif-schema-2.1.0.json checks them.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                   `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult               `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string            `json:"id"`
		ShortDescription     sarifText         `json:"shortDescription"`
		DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
		Properties           map[string]string `json:"properties,omitempty"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID       string             `json:"ruleId"`
		RuleIndex    *int               `json:"ruleIndex,omitempty"`
		Level        string             `json:"level"`
		Message      sarifText          `json:"message"`
		Locations    []sarifLocation    `json:"locations"`
		Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           *sarifRegion     `json:"region,omitempty"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification,omitempty"`
	}
)

// srcRoot is the base id of relative file locations: the folder waform ran
// in, which is the repository root in a workflow that checks out and runs
// there. Code scanning resolves relative URIs against the repository.
const srcRoot = "%SRCROOT%"

// DiagnosticsSARIF writes ds as a SARIF 2.1.0 log with one run. Every rule
// of tool.Rules is described (id, summary, default level, Meta subcode) so
// code scanning can show it; each result points at its file, line and
// column. A suppressed diagnostic is kept, with an in-source suppression,
// as SARIF viewers hide those. workDir, when not empty, is the absolute
// folder relative paths start from; it is recorded as %SRCROOT%.
func DiagnosticsSARIF(w io.Writer, ds []diag.Diagnostic, tool SARIFTool, workDir string) error {
	index := make(map[string]int, len(tool.Rules))
	rules := make([]sarifRule, 0, len(tool.Rules))
	for i, r := range tool.Rules {
		index[r.ID] = i
		rule := sarifRule{ID: r.ID, ShortDescription: sarifText{r.Summary}, DefaultConfiguration: sarifRuleConfig{sarifLevel(r.Severity)}}
		if r.Subcode != 0 {
			rule.Properties = map[string]string{"meta_error_subcode": fmt.Sprint(r.Subcode)}
		}
		rules = append(rules, rule)
	}
	run := sarifRun{
		Tool:    sarifTool{sarifDriver{Name: tool.Name, Version: tool.Version, InformationURI: tool.InformationURI, Rules: rules}},
		Results: make([]sarifResult, 0, len(ds)),
	}
	if workDir != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{srcRoot: {URI: fileURI(workDir, true)}}
	}
	for _, d := range ds {
		res := sarifResult{
			RuleID:    d.Rule,
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: artifactLocation(d.File)}}},
		}
		if i, ok := index[d.Rule]; ok {
			res.RuleIndex = &i
		}
		if d.Line > 0 {
			res.Locations[0].PhysicalLocation.Region = &sarifRegion{StartLine: d.Line, StartColumn: d.Column}
		}
		if d.Suppressed {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: "# waform:ignore " + d.Rule}}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	err := enc.Encode(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	})
	if err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	return nil
}

func sarifLevel(s diag.Severity) string {
	if s == diag.Warning {
		return "warning"
	}
	return "error"
}

// artifactLocation turns a file path as validate reported it into a URI: a
// relative path stays relative to %SRCROOT%, with forward slashes and
// escapes; an absolute one becomes a file:// URI.
func artifactLocation(file string) sarifArtifactLoc {
	if filepath.IsAbs(file) {
		return sarifArtifactLoc{URI: fileURI(file, false)}
	}
	u := url.URL{Path: filepath.ToSlash(file)}
	return sarifArtifactLoc{URI: u.String(), URIBaseID: srcRoot}
}

func fileURI(path string, dir bool) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path, C:/...
	}
	if dir && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String()
}
