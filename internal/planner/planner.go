// Package planner gathers the two sides of a plan at once, the template
// files (validated) and the account's templates (listed), and computes the
// plan from them: the steps 'plan' and 'apply' share, so that apply
// executes exactly what plan shows. It prints nothing: diagnostics go to
// the caller's callback, and the listing is the caller's function, which
// can show progress.
package planner

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/diag"
	"github.com/waform/waform/internal/media"
	"github.com/waform/waform/internal/parallel"
	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
	"github.com/waform/waform/internal/validate"
)

// ListFunc lists the account's templates a page at a time, calling visit
// with each page in order (graph.Client.ListTemplatePages, bound to an
// account, is one). An error of visit stops it and is returned.
type ListFunc func(ctx context.Context, visit func(page []template.Remote) error) error

// Options are what a plan is computed from.
type Options struct {
	// Templates is the folder of template files; Languages the languages
	// every template must have (manage.languages).
	Templates string
	Languages []string
	Policy    plan.Policy
	List      ListFunc
	// Diagnostics receives the files' findings, suppressed ones left out,
	// once validation ends (nil discards them). An error from it stops the
	// plan.
	Diagnostics func([]diag.Diagnostic) error
}

// InvalidError is returned when the template files hold errors: nothing
// was planned, and nothing may be sent.
type InvalidError struct {
	Errors int
	Dir    string
}

func (e *InvalidError) Error() string {
	return e.Count() + "; nothing was planned or sent"
}

// Count says how many errors the files hold, e.g. "2 validation errors in
// templates", for a command that says itself what it did not do.
func (e *InvalidError) Count() string {
	noun := "errors"
	if e.Errors == 1 {
		noun = "error"
	}
	return fmt.Sprintf("%d validation %s in %s", e.Errors, noun, e.Dir)
}

// Plan validates the files while it lists the account, then computes the
// plan. Listing only reads, so it runs alongside validation: with
// thousands of templates each takes about as long as the other. Invalid
// files stop it (the listing is cancelled) with an *InvalidError; a plan
// with too many deletes is returned with the error wrapping
// plan.ErrTooManyDeletes, so it can be shown.
//
// Each side is put in the form the plan compares as it arrives
// (plan.Sides): the account's templates page by page while the next page
// is fetched, the files' as soon as they are valid, so that little is left
// to compute when the last of them comes.
func Plan(ctx context.Context, o Options) (*plan.Plan, error) {
	listCtx, cancelList := context.WithCancel(ctx)
	defer cancelList()
	var sides plan.Sides
	listed := make(chan error, 1)
	// Validation leaves a CPU to the listing, whose pages each wait on the
	// network: it is the listing that the plan waits for.
	release := parallel.Reserve()
	go func() {
		err := o.List(listCtx, func(page []template.Remote) error {
			sides.AddRemote(page)
			return nil
		})
		release()
		listed <- err
	}()
	desired, err := Desired(o.Templates, o.Languages, o.Diagnostics)
	if err != nil {
		cancelList()
		<-listed
		return nil, err
	}
	sides.AddDesired(desired)
	if err := <-listed; err != nil {
		return nil, err
	}
	return sides.Compute(o.Policy)
}

// Desired validates the template folder dir, each template having the
// languages given, and returns its templates with their positions and the
// files their header samples name. Findings go to report; any error stops
// the caller before a request is sent.
func Desired(dir string, languages []string, report func([]diag.Diagnostic) error) ([]plan.Desired, error) {
	docs, ds := validate.Files(dir)
	ds = append(ds, validate.Languages(docs, languages)...)
	diag.Sort(ds)
	if report != nil {
		// 'validate' lists suppressed findings; here they are noise.
		if err := report(slices.DeleteFunc(slices.Clone(ds), func(d diag.Diagnostic) bool { return d.Suppressed })); err != nil {
			return nil, err
		}
	}
	if diag.HasErrors(ds) {
		n, _ := diag.Count(ds)
		return nil, &InvalidError{Errors: n, Dir: dir}
	}
	desired := make([]plan.Desired, 0, len(docs))
	for _, doc := range docs {
		t, err := doc.Decode()
		if err != nil {
			return nil, fmt.Errorf("read templates: %w", err)
		}
		files, err := mediaFiles(doc.File, t)
		if err != nil {
			return nil, err
		}
		desired = append(desired, plan.Desired{Template: t, Source: doc.Start.String(), Media: files})
	}
	return desired, nil
}

// mediaFiles describes the files t's header samples name, relative to
// file. Validation has checked them; an error here means a file changed
// in between.
func mediaFiles(file string, t template.Template) ([]plan.MediaFile, error) {
	var out []plan.MediaFile
	for _, ref := range media.Refs(t) {
		f, err := media.Inspect(file, ref)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", file, ref, err)
		}
		out = append(out, plan.MediaFile{Ref: ref, Path: f.Path, Type: f.Type, Size: f.Size, SHA256: f.SHA256})
	}
	return out, nil
}

// Policy is the plan policy of the settings, with prune (--prune) turning
// pruning on and force (--force) lifting the delete limit.
func Policy(st config.Settings, prune, force bool, now time.Time) plan.Policy {
	return plan.Policy{Ignore: st.Ignore, Prune: st.Prune || prune, MaxDeletes: st.MaxDeletes, Force: force, Now: now}
}
