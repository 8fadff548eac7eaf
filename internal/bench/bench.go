// Package bench generates the template sets waform's benchmarks and its
// reference harness (internal/bench/harness) measure: a mix of the component
// kinds a real account holds, in files as import writes them.
package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Shapes are the kinds of template the benchmarks mix; %[1]d is the
// template's number, so every name is unique. The last one is invalid (a
// gap in the variables, a variable in the footer), so the reporting path
// is measured too; ValidShapes leaves it out.
var Shapes = []string{
	`name: order_%[1]d
language: en_US
category: UTILITY
components:
  - type: HEADER
    format: TEXT
    text: "Order {{1}} update"
    example: { header_text: ["A-%[1]d"] }
  - type: BODY
    text: "Hi {{1}}, your order {{2}} ships on {{3}}. Reply to this message if anything is wrong with it."
    example: { body_text: [["Pablo", "A-%[1]d", "Monday"]] }
  - type: FOOTER
    text: Reply STOP to opt out
  - type: BUTTONS
    buttons:
      - { type: URL, text: Track, url: "https://example.com/t/{{1}}", example: ["https://example.com/t/A-%[1]d"] }
      - { type: PHONE_NUMBER, text: Call us, phone_number: "15550051310" }
      - { type: QUICK_REPLY, text: Thanks }
`,
	`name: promo_%[1]d
language: es_MX
category: marketing
parameter_format: named
components:
  - type: header
    format: image
    example: { header_handle: ["4::aW1hZ2U="] }
  - type: body
    text: "Hola {{first_name}}, usa el código {{code}} para obtener un descuento en tu próxima compra esta semana."
    example:
      body_text_named_params:
        - { param_name: first_name, example: Pablo }
        - { param_name: code, example: SAVE%[1]d }
  - type: buttons
    buttons:
      - { type: copy_code, example: SAVE10 }
      - { type: quick_reply, text: No gracias }
`,
	`name: login_%[1]d
language: en_US
category: AUTHENTICATION
message_send_ttl_seconds: 600
components:
  - type: BODY
    add_security_recommendation: true
  - type: FOOTER
    code_expiration_minutes: 10
  - type: BUTTONS
    buttons:
      - type: OTP
        otp_type: ONE_TAP
        autofill_text: Autofill
        supported_apps:
          - { package_name: com.example.app, signature_hash: "K8a/AINcGX7" }
`,
	`name: cards_%[1]d
language: en_US
category: MARKETING
components:
  - type: BODY
    text: "New arrivals for you, {{1}}! Pick your favourite from the cards below today."
    example: { body_text: [["Pablo"]] }
  - type: CAROUSEL
    cards:
      - components:
          - { type: HEADER, format: IMAGE, example: { header_handle: ["4::a"] } }
          - { type: BODY, text: "The first card." }
          - { type: BUTTONS, buttons: [{ type: QUICK_REPLY, text: More }] }
      - components:
          - { type: HEADER, format: IMAGE, example: { header_handle: ["4::b"] } }
          - { type: BODY, text: "The second card." }
          - { type: BUTTONS, buttons: [{ type: QUICK_REPLY, text: More }] }
`,
	`name: broken_%[1]d
language: en_US
category: UTILITY
components:
  - type: BODY
    text: "{{1}} is here {{3}}"
  - type: FOOTER
    text: "Ref {{1}}"
`,
}

// ValidShapes are the Shapes that pass validation.
var ValidShapes = Shapes[:len(Shapes)-1]

// Document renders template number i of shapes.
func Document(shapes []string, i int) string {
	return fmt.Sprintf(shapes[i%len(shapes)], i)
}

// Batches renders n templates of shapes into files of 100 documents each,
// keyed by file name.
func Batches(shapes []string, n int) map[string][]byte {
	files := map[string][]byte{}
	for start := 0; start < n; start += 100 {
		var b strings.Builder
		for i := start; i < min(start+100, n); i++ {
			if i > start {
				b.WriteString("---\n")
			}
			b.WriteString(Document(shapes, i))
		}
		files[fmt.Sprintf("batch_%03d.yaml", start/100)] = []byte(b.String())
	}
	return files
}

// WriteFiles writes n templates of shapes into dir, one file per template
// named as import names them (name.language.yaml), and returns the paths.
func WriteFiles(dir string, shapes []string, n int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, 0, n)
	for i := range n {
		doc := Document(shapes, i)
		name, lang := field(doc, "name"), field(doc, "language")
		p := filepath.Join(dir, name+"."+lang+".yaml")
		if err := os.WriteFile(p, []byte(doc), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

// field reads a top-level "key: value" line of a generated document.
func field(doc, key string) string {
	for line := range strings.Lines(doc) {
		if v, ok := strings.CutPrefix(line, key+": "); ok {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
