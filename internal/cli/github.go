package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/render"
)

// GitHub Actions hands each step two files through the environment: what is
// appended to GITHUB_STEP_SUMMARY shows on the run's summary page, and
// name=value lines appended to GITHUB_OUTPUT become the step's outputs.
const (
	envStepSummary = "GITHUB_STEP_SUMMARY"
	envStepOutput  = "GITHUB_OUTPUT"
)

// stepSummaryLimit keeps the plan under GitHub's 1 MiB limit per step
// summary, with room for what other steps of the job append.
const stepSummaryLimit = 900_000

// publishPlanToGitHub appends the plan as Markdown to the job summary and
// writes its counts as step outputs, for whichever of the two files the
// environment names (both, inside GitHub Actions; neither elsewhere):
//
//	has_changes=true|false   true when plan --detailed-exitcode exits 2:
//	                         changes to make, or blocked actions
//	creates=N updates=N deletes=N blocked=N
func publishPlanToGitHub(env Env, p *plan.Plan) error {
	if path := env(envStepSummary); path != "" {
		var md bytes.Buffer
		if err := render.PlanMarkdown(&md, p, stepSummaryLimit); err != nil {
			return fmt.Errorf("write step summary: %w", err)
		}
		md.WriteString("\n")
		if err := appendFile(path, md.Bytes()); err != nil {
			return fmt.Errorf("write step summary: %w", err)
		}
	}
	if path := env(envStepOutput); path != "" {
		s := p.Summary
		out := fmt.Sprintf("has_changes=%t\ncreates=%d\nupdates=%d\ndeletes=%d\nblocked=%d\n",
			!s.InSync(), s.Create, s.Update, s.Delete, s.Blocked)
		if err := appendFile(path, []byte(out)); err != nil {
			return fmt.Errorf("write step outputs: %w", err)
		}
	}
	return nil
}

// appendFile appends data to the file at path, creating it if needed: other
// steps' content in it must survive.
func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
