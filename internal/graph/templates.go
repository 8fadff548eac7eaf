package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/waform/waform/internal/template"
)

// TemplateFields is the fields= list of every template read: what the
// differ and `status` need, each a field TEMPLATE-RULES §1.2 evidences on
// Meta's template node (an unknown field makes Graph fail the whole call,
// so nothing speculative such as last_updated_time is asked for).
const TemplateFields = "id,name,language,status,category,sub_category,previous_category," +
	"correct_category,rejected_reason,quality_score,parameter_format,components," +
	"message_send_ttl_seconds,cta_url_link_tracking_opted_out"

// pageSize is the largest page Kapso documents for lists.
const pageSize = 100

// ListFilter narrows ListTemplates. Empty fields do not filter. Every
// filter is applied again client-side, exactly: Meta's name filter matches
// substrings (TEMPLATE-RULES decision 7).
type ListFilter struct {
	Name     string
	Status   string
	Category string
	Language string
}

func (f ListFilter) query() url.Values {
	q := url.Values{"fields": {TemplateFields}, "limit": {strconv.Itoa(pageSize)}}
	for k, v := range map[string]string{"name": f.Name, "status": f.Status, "category": f.Category, "language": f.Language} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

func (f ListFilter) match(r template.Remote) bool {
	return (f.Name == "" || r.Name == f.Name) &&
		(f.Language == "" || r.Language == f.Language) &&
		(f.Status == "" || strings.EqualFold(r.Status, f.Status)) &&
		(f.Category == "" || strings.EqualFold(r.Category, f.Category))
}

// ListTemplates returns every template of the WABA that f matches, all
// pages followed to the end. Templates are decoded one by one: one that
// does not fit the model (a string where Meta documents a boolean, say) is
// returned with Unreadable set instead of failing the whole listing.
func (c *Client) ListTemplates(ctx context.Context, waba string, f ListFilter) ([]template.Remote, error) {
	var out []template.Remote
	err := c.ListTemplatePages(ctx, waba, f, func(page []template.Remote) error {
		out = append(out, page...)
		return nil
	})
	return out, err
}

// ListTemplatePages reads the templates of the WABA that f matches a page
// at a time, decoded as ListTemplates decodes them: visit gets each page's
// matching templates in order (possibly none, so it can count pages), and
// may keep the slice. While visit works on one page the next one is
// already being fetched, so a caller that processes pages as they come
// (normalising, hashing, writing) does it during the listing's network
// time rather than after it. visit runs on the caller's goroutine, one
// page at a time; an error from it stops the listing and is returned as
// it is.
func (c *Client) ListTemplatePages(ctx context.Context, waba string, f ListFilter, visit func(page []template.Remote) error) error {
	path, err := pathOf(waba, "message_templates")
	if err != nil {
		return fmt.Errorf("list templates: %w", err)
	}
	var visitErr error
	err = prefetched(ctx, func(ctx context.Context, send func([]template.Remote) bool) error {
		return listPages(ctx, c, path, f.query(), func(items []json.RawMessage) bool {
			page := make([]template.Remote, 0, len(items))
			for _, item := range items {
				if r := decodeRemote(item); f.match(r) {
					page = append(page, r)
				}
			}
			return send(page)
		})
	}, func(page []template.Remote) error {
		visitErr = visit(page)
		return visitErr
	})
	switch {
	case visitErr != nil:
		return visitErr
	case err != nil:
		return fmt.Errorf("list templates: %w", err)
	}
	return nil
}

// FindTemplate returns the template with exactly key's name and language,
// or nil (and no error) when there is none.
func (c *Client) FindTemplate(ctx context.Context, waba string, key template.Key) (*template.Remote, error) {
	found, err := c.ListTemplates(ctx, waba, ListFilter{Name: key.Name, Language: key.Language})
	if err != nil {
		return nil, fmt.Errorf("find template %s: %w", key, err)
	}
	if len(found) == 0 {
		return nil, nil
	}
	return &found[0], nil
}

// GetTemplate reads one template by id. Through Kapso the path stays under
// the WABA, from which the proxy resolves the account (as Kapso's SDK does);
// with Meta it is the template node itself.
func (c *Client) GetTemplate(ctx context.Context, waba, id string) (*template.Remote, error) {
	path, err := c.templatePath(waba, id)
	if err != nil {
		return nil, fmt.Errorf("get template %s: %w", id, err)
	}
	var r template.Remote
	q := url.Values{"fields": {TemplateFields}}
	if err := c.do(ctx, &call{method: http.MethodGet, path: path, query: q}, &r); err != nil {
		return nil, fmt.Errorf("get template %s: %w", id, err)
	}
	return &r, nil
}

func (c *Client) templatePath(waba, id string) (string, error) {
	if c.opts.Provider == ProviderMeta {
		return pathOf(id)
	}
	return pathOf(waba, "message_templates", id)
}

// CreateResult is the server's answer to a create. Recovered is true when
// the create's answer was lost and the template was found already there.
type CreateResult struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Category  string `json:"category"`
	Recovered bool   `json:"-"`
}

// CreateTemplate submits t. It never creates a duplicate: the create is
// repeated blindly only when the server certainly did not act on it (429,
// throttling codes, a refused connection). When the outcome is unknown (a
// timeout, a reset after sending, a 5xx, an unreadable answer) it looks
// the template up by exact (name, language): present with the content sent
// (template.Equal), it is returned with Recovered set; absent, the create
// is sent again. "Already exists" (2388024) is checked the same way, on any
// attempt: an earlier run's create may have succeeded with its answer lost.
// Only a template of that name and language with other content is a
// conflict, returned as the typed error.
func (c *Client) CreateTemplate(ctx context.Context, waba string, t template.Template) (CreateResult, error) {
	wrap := func(err error) error { return fmt.Errorf("create template %s: %w", t.Key(), err) }
	path, err := pathOf(waba, "message_templates")
	if err != nil {
		return CreateResult{}, wrap(err)
	}
	body, err := json.Marshal(t)
	if err != nil {
		return CreateResult{}, wrap(err)
	}
	var res CreateResult
	var found *template.Remote
	sameIsThere := func() (bool, error) {
		var err error
		found, err = c.FindTemplate(ctx, waba, t.Key())
		return found != nil && template.Equal(t, template.FromRemote(*found)), err
	}
	err = c.settle(ctx,
		func() error {
			return c.do(ctx, &call{method: http.MethodPost, path: path, body: body, contentType: jsonType, unsafe: true}, &res)
		},
		sameIsThere)
	// "Already exists" on a first attempt gets the same check as a lost
	// answer: the template may have been created by an earlier run whose
	// answer never arrived. Only a template with other content is a conflict.
	if IsAlreadyExists(err) && !errors.Is(err, errRecovered) {
		if same, cerr := sameIsThere(); cerr == nil && same {
			err = errRecovered
		}
	}
	switch {
	case errors.Is(err, errRecovered):
		return CreateResult{ID: found.ID, Status: found.Status, Category: found.Category, Recovered: true}, nil
	case err != nil:
		return CreateResult{}, wrap(err)
	case res.ID == "":
		return CreateResult{}, wrap(errors.New("the answer carries no template id"))
	}
	return res, nil
}

// editBody is what an edit may change; Meta replaces all components with
// the ones sent, so the full set always goes.
type editBody struct {
	Category              string               `json:"category,omitempty"`
	ParameterFormat       string               `json:"parameter_format,omitempty"`
	MessageSendTTLSeconds *int                 `json:"message_send_ttl_seconds,omitempty"`
	Components            []template.Component `json:"components"`
}

// UpdateTemplate edits template id: through Kapso with UpdateMethod on
// /{waba}/message_templates?hsm_id=, with Meta as POST /{id}. An edit
// whose outcome is unknown is checked by reading the template back before
// it is sent again, since a repeat costs one of the template's limited
// edits and may be refused once the first one put it under review. "Read
// back" compares with template.Equal, the differ's own equality, so Meta's
// rewriting of what it stores does not pass for a lost edit.
func (c *Client) UpdateTemplate(ctx context.Context, waba, id string, t template.Template) error {
	wrap := func(err error) error { return fmt.Errorf("update template %s: %w", t.Key(), err) }
	cl, err := c.updateCall(waba, id)
	if err != nil {
		return wrap(err)
	}
	want := editBody{Category: t.Category, ParameterFormat: t.ParameterFormat, MessageSendTTLSeconds: t.MessageSendTTLSeconds, Components: t.Components}
	if cl.body, err = json.Marshal(want); err != nil {
		return wrap(err)
	}
	var ans struct {
		Success *bool `json:"success"`
	}
	err = c.settle(ctx,
		func() error { return c.do(ctx, cl, &ans) },
		func() (bool, error) {
			r, err := c.GetTemplate(ctx, waba, id)
			return err == nil && template.Equal(t, template.FromRemote(*r)), err
		})
	switch {
	case errors.Is(err, errRecovered):
		return nil
	case err != nil:
		return wrap(err)
	case ans.Success != nil && !*ans.Success:
		return wrap(errors.New(`the server answered "success": false`))
	}
	return nil
}

func (c *Client) updateCall(waba, id string) (*call, error) {
	if id == "" {
		return nil, errors.New("template id is empty")
	}
	if c.opts.Provider == ProviderMeta {
		path, err := pathOf(id)
		return &call{method: http.MethodPost, path: path, contentType: jsonType, unsafe: true}, err
	}
	path, err := pathOf(waba, "message_templates")
	q := url.Values{"hsm_id": {id}}
	return &call{method: c.opts.UpdateMethod, path: path, query: q, contentType: jsonType, unsafe: true}, err
}

// DeleteTemplate deletes one language of a template: both hsm_id and name
// are sent, and an empty id is refused, because a delete by name alone
// removes every language (TEMPLATE-RULES decision 2). A repeat after an
// unknown outcome that finds the template gone counts as done.
func (c *Client) DeleteTemplate(ctx context.Context, waba, id, name string) error {
	wrap := func(err error) error { return fmt.Errorf("delete template %s (id %s): %w", name, id, err) }
	if id == "" || name == "" {
		return wrap(errors.New("both the template id and the name are required; deleting by name alone would remove every language"))
	}
	path, err := pathOf(waba, "message_templates")
	if err != nil {
		return wrap(err)
	}
	cl := &call{method: http.MethodDelete, path: path, query: url.Values{"hsm_id": {id}, "name": {name}}, unsafe: true}
	err = c.settle(ctx,
		func() error { return c.do(ctx, cl, nil) },
		func() (bool, error) {
			r, err := c.GetTemplate(ctx, waba, id)
			if IsNotFound(err) {
				return true, nil
			}
			return err == nil && (r.Status == template.StatusDeleted || r.Status == template.StatusPendingDeletion), err
		})
	if err != nil && !errors.Is(err, errRecovered) {
		return wrap(err)
	}
	return nil
}
