// Package plantest builds large, realistic plan inputs for benchmarks and
// tests of the planner and its renderers.
package plantest

import (
	"fmt"

	"github.com/waform/waform/internal/plan"
	"github.com/waform/waform/internal/template"
)

// Account returns n desired templates and the remote account they are
// planned against: most are unchanged, and every 20th differs in its body
// text (an update), every 50th exists only in the files (a create) and
// every 50th, offset by 25, only remotely (a delete with prune). Templates
// carry a text header, a body with named variables and examples, a footer
// and two buttons, like a typical utility template.
func Account(n int) ([]plan.Desired, []template.Remote) {
	desired := make([]plan.Desired, 0, n)
	remote := make([]template.Remote, 0, n)
	for i := range n {
		t := sample(i, "your order {{order_id}} has shipped and should arrive within three business days.")
		if i%50 != 25 {
			desired = append(desired, plan.Desired{Template: t, Source: fmt.Sprintf("templates/t%05d.yaml:1:1", i)})
		}
		if i%50 == 0 {
			continue
		}
		r := t
		if i%20 == 0 {
			r = sample(i, "your order {{order_id}} has left our warehouse and should arrive within three business days.")
		}
		remote = append(remote, template.Remote{Template: r, ID: fmt.Sprintf("%d", 1_000_000+i), Status: template.StatusApproved})
	}
	return desired, remote
}

func sample(i int, body string) template.Template {
	return template.Template{
		Name: fmt.Sprintf("order_update_%05d", i), Language: "en_US", Category: "UTILITY", ParameterFormat: "NAMED",
		Components: []template.Component{
			{Type: template.ComponentHeader, Format: template.HeaderText, Text: "Order update"},
			{Type: template.ComponentBody, Text: "Hi {{customer_name}}, " + body, Example: &template.Example{
				BodyTextNamedParams: []template.NamedParam{
					{ParamName: "customer_name", Example: "Pablo"},
					{ParamName: "order_id", Example: "ORD-12345"},
				},
			}},
			{Type: template.ComponentFooter, Text: "Reply STOP to opt out"},
			{Type: template.ComponentButtons, Buttons: []template.Button{
				{Type: template.ButtonURL, Text: "Track order", URL: "https://example.com/track/{{1}}", Example: template.Strings{Values: []string{"https://example.com/track/ORD-12345"}}},
				{Type: template.ButtonQuickReply, Text: "Talk to us"},
			}},
		},
	}
}
