package fhirclient

import (
	"errors"
	"time"
)

// Named errors. Every *Error wraps one of them.
var (
	// ErrConflict: the server holds a newer version than the one the
	// write named in If-Match (409 or 412): someone else changed it.
	ErrConflict = errors.New("version conflict on the FHIR server")
	// ErrUnauthorized: the server refused the credentials (401, 403), or
	// no token could be had.
	ErrUnauthorized = errors.New("not authorised by the FHIR server")
	// ErrRejected: the server refused the request as it stands (another
	// 4xx): resending it unchanged will not help.
	ErrRejected = errors.New("refused by the FHIR server")
	// ErrUnavailable: no answer, a timeout, 429 or 5xx, after the
	// attempts allowed; trying later may work.
	ErrUnavailable = errors.New("FHIR server unavailable")
)

// Error is a failed request.
type Error struct {
	Kind    error  // one of the named errors above
	Msg     string // a sentence for the person at the keyboard
	Status  int    // the HTTP status, 0 when there was no answer
	Outcome string // the server's OperationOutcome text, if it sent one
	Record  string // the record or resource the request concerned, if one
	Request string // method and URL, without the query
	// Unknown is true for a write that may or may not have been applied:
	// the answer was lost (a timeout, a dropped connection, a 5xx).
	Unknown bool
	// Withheld is set on a 401 or 403 from a server the site's
	// credentials were not sent to (Config.Withheld).
	Withheld bool
	// TokenURL is set on a refusal by the OAuth2 token endpoint (the
	// endpoint, as messages name it), with TokenError, the error code
	// and description it gave ("invalid_client: client authentication
	// failed"): no request reached the FHIR server. Set with Status 0
	// when the token endpoint could not be reached (no answer).
	TokenURL, TokenError string
	// RetryAfter is the server's Retry-After, if it sent one.
	RetryAfter time.Duration
	Cause      error

	retryable bool
}

func (e *Error) Error() string {
	s := e.Msg
	if e.Record != "" {
		s = e.Record + ": " + s
	}
	if e.Outcome != "" {
		s += ": " + e.Outcome
	}
	if e.Unknown {
		s += " (it may or may not have been applied)"
	}
	return s
}

// Unwrap lets errors.Is find the named error and the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

// Temporary reports whether trying the same request later may succeed.
func Temporary(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.retryable
}
