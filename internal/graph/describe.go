package graph

// DescribeSend is the head of the request SendMessage posts from phoneID to
// the API at base (as ResolveBaseURL gives it): the request line, then the
// headers that matter to a reader, the credential redacted. send --dry-run
// shows it above the body.
func DescribeSend(provider, base, phoneID string) []string {
	auth := "X-API-Key: [REDACTED]"
	if provider == ProviderMeta {
		auth = "Authorization: Bearer [REDACTED]"
	}
	return []string{"POST " + base + "/" + phoneID + "/messages", auth, "Content-Type: " + jsonType}
}
