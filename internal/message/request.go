package message

// Request is the body of POST /{phone_number_id}/messages for a template
// message (TEMPLATE-RULES.md §7).
type Request struct {
	MessagingProduct string          `json:"messaging_product"`
	To               string          `json:"to,omitempty"`
	Type             string          `json:"type"`
	Template         TemplateMessage `json:"template"`
}

// TemplateMessage names the template and carries the values of its variables.
type TemplateMessage struct {
	Name       string      `json:"name"`
	Language   Language    `json:"language"`
	Components []Component `json:"components,omitempty"`
}

// Language selects the template's translation. Policy is always
// "deterministic": the only policy Meta still supports.
type Language struct {
	Code   string `json:"code"`
	Policy string `json:"policy"`
}

// Component is one send-time component: header, body, button (one per
// button with a value), limited_time_offer or carousel.
type Component struct {
	Type    string `json:"type"`
	SubType string `json:"sub_type,omitempty"`
	// Index is the button's position in the template, as a string "0"–"9"
	// as Meta's message reference documents it.
	Index      string      `json:"index,omitempty"`
	Parameters []Parameter `json:"parameters,omitempty"`
	Cards      []Card      `json:"cards,omitempty"`
}

// Card is one carousel card's values.
type Card struct {
	CardIndex  int         `json:"card_index"`
	Components []Component `json:"components"`
}

// Parameter is one value. Type says which of the other fields is set.
type Parameter struct {
	Type string `json:"type"`
	// ParameterName is set for NAMED templates' header and body variables.
	ParameterName    string       `json:"parameter_name,omitempty"`
	Text             string       `json:"text,omitempty"`
	Payload          string       `json:"payload,omitempty"`
	CouponCode       string       `json:"coupon_code,omitempty"`
	Image            *Media       `json:"image,omitempty"`
	Video            *Media       `json:"video,omitempty"`
	Document         *Media       `json:"document,omitempty"`
	Location         *Location    `json:"location,omitempty"`
	Action           *Action      `json:"action,omitempty"`
	LimitedTimeOffer *OfferExpiry `json:"limited_time_offer,omitempty"`
}

// Media references a header's media by uploaded id or by link, never both.
type Media struct {
	ID       string `json:"id,omitempty"`
	Link     string `json:"link,omitempty"`
	Filename string `json:"filename,omitempty"`
}

// Location fills a LOCATION header. Meta's template examples send the
// coordinates as strings.
type Location struct {
	Latitude  string `json:"latitude"`
	Longitude string `json:"longitude"`
	Name      string `json:"name,omitempty"`
	Address   string `json:"address,omitempty"`
}

// Action carries a flow button's token and data, or a catalog button's
// thumbnail.
type Action struct {
	FlowToken                  string         `json:"flow_token,omitempty"`
	FlowActionData             map[string]any `json:"flow_action_data,omitempty"`
	ThumbnailProductRetailerID string         `json:"thumbnail_product_retailer_id,omitempty"`
}

// OfferExpiry is when a limited-time offer ends, in Unix milliseconds.
type OfferExpiry struct {
	ExpirationTimeMS int64 `json:"expiration_time_ms"`
}
