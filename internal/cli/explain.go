package cli

import (
	"fmt"

	"github.com/waform/waform/internal/config"
	"github.com/waform/waform/internal/graph"
)

// explainAPIError names the setting to fix for the API errors that come
// from a setting: a refused key names the variable it was read from, an
// unknown object names business_account_id or phone_number_id and where its
// value came from. Other errors are returned as they are; the API error
// stays wrapped for its details.
func explainAPIError(err error, st *config.Settings) error {
	apiErr, ok := graph.AsAPIError(err)
	if !ok || st == nil {
		return err
	}
	var advice string
	switch {
	case apiErr.Code == 190 || (apiErr.Code == 0 && apiErr.Status == 401):
		advice = keyAdvice(st)
	default:
		if id, ok := apiErr.UnknownObject(); ok {
			advice = objectAdvice(st, id)
		}
	}
	if advice == "" {
		return err
	}
	return fmt.Errorf("%s: %w", advice, err)
}

func keyAdvice(st *config.Settings) string {
	switch {
	case st.Origins.BaseURL == originLocal:
		return ""
	case st.Provider == graph.ProviderMeta:
		return "the access token in " + config.EnvToken + " was refused (invalid, expired or revoked): set " +
			config.EnvToken + " to a valid system-user token with whatsapp_business_management"
	}
	return "the API key in " + config.EnvAPIKey + " was refused (invalid or revoked): set " +
		config.EnvAPIKey + " to a valid key from Kapso's dashboard"
}

func objectAdvice(st *config.Settings, id string) string {
	switch id {
	case st.BusinessAccountID:
		return fmt.Sprintf("business_account_id %s (from %s) is not a WhatsApp Business Account this key can reach: "+
			"check business_account_id, or the key's access to that account", id, st.Origins.BusinessAccountID)
	case st.PhoneNumberID:
		return fmt.Sprintf("phone_number_id %s (from %s) is not a phone number this key can reach: "+
			"check phone_number_id (the number's ID, not the number itself)", id, st.Origins.PhoneNumberID)
	default:
		return fmt.Sprintf("the account has no object %s; if it was a template, it was deleted meanwhile: run waform plan again", id)
	}
}
