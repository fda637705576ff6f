package fhirclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"digicheck/questionnaire"
)

// Put is one update of a transaction: PUT Type/ID with Resource as the body,
// which creates the resource under that id when the server has none (FHIR
// update as create; never a conditional create, which some servers
// duplicate under parallel clients).
type Put struct {
	Type     string
	ID       string
	Resource json.RawMessage // its id must be ID
	// IfMatch is the version the writer last saw; the server refuses the
	// update with a conflict if it holds another. "" sends no If-Match.
	IfMatch string
	// IfNoneMatch sends If-None-Match: * (create only): the server
	// refuses the update with a conflict if the resource exists. A
	// create carries it so that a try whose answer was lost, applied
	// late, cannot write a second copy over the first or over a later
	// version. A server that does not take it (medplum's router alone)
	// applies the update as if it were not there.
	IfNoneMatch bool
	// Record names what the entry concerns in messages, such as
	// "record 01920000-…".
	Record string
}

// Accepted is what the server says of one accepted update.
type Accepted struct {
	VersionID    string
	LastModified time.Time
	Status       int
}

var idPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9\-.]{1,64}$`) })

// Check refuses a Put whose id is not an R4 id or whose type is not a
// resource type name, before anything is sent.
func (p Put) Check() error {
	if !idPattern().MatchString(p.ID) {
		return fmt.Errorf("%s: %q is not a FHIR id", p.Record, p.ID)
	}
	if p.Type == "" || strings.ContainsAny(p.Type, "/?#") {
		return fmt.Errorf("%s: %q is not a resource type", p.Record, p.Type)
	}
	return nil
}

// Transaction sends the updates as one FHIR transaction Bundle, in the
// order given: the server applies all of them or none. It returns what the
// server accepted, one per update. A failure of the whole Bundle is an
// *Error whose Record is the entries' Record when they all share one, else
// empty (a conflict in a Bundle of several records says only that one of
// them conflicts: send them apart to find which).
func (c *Client) Transaction(ctx context.Context, puts []Put) ([]Accepted, error) {
	if len(puts) == 0 {
		return nil, nil
	}
	body, err := TransactionBundle(puts)
	if err != nil {
		return nil, err
	}
	// An error names the record when every entry concerns the same one
	// (a version's response and what is derived from it).
	record := puts[0].Record
	for _, p := range puts[1:] {
		if p.Record != record {
			record = ""
			break
		}
	}
	a, err := c.do(ctx, request{method: http.MethodPost, url: c.base.String(), body: body, write: true, record: record})
	if err != nil {
		return nil, err
	}
	var resp struct {
		ResourceType string `json:"resourceType"`
		Type         string `json:"type"`
		Entry        []struct {
			Response struct {
				Status       string `json:"status"`
				Location     string `json:"location"`
				Etag         string `json:"etag"`
				LastModified string `json:"lastModified"`
			} `json:"response"`
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(a.body, &resp); err != nil || resp.ResourceType != "Bundle" || resp.Type != "transaction-response" {
		return nil, &Error{Kind: ErrRejected, Msg: "the FHIR server's answer to a transaction is not a transaction-response Bundle", Status: a.status, Unknown: true}
	}
	if len(resp.Entry) != len(puts) {
		return nil, &Error{Kind: ErrRejected, Msg: fmt.Sprintf("the FHIR server answered a transaction of %d entries with %d", len(puts), len(resp.Entry)), Status: a.status, Unknown: true}
	}
	out := make([]Accepted, len(puts))
	for i, e := range resp.Entry {
		code := 0
		fmt.Sscan(e.Response.Status, &code)
		if code < 200 || code > 299 {
			return nil, &Error{Kind: ErrRejected, Msg: fmt.Sprintf("the FHIR server answered %s in a transaction it accepted", e.Response.Status), Record: puts[i].Record, Unknown: true}
		}
		acc := Accepted{Status: code, VersionID: versionOf(e.Response.Etag, e.Response.Location, e.Resource)}
		if acc.VersionID == "" {
			return nil, &Error{Kind: ErrRejected, Msg: "the FHIR server accepted an update but gave no version (no ETag, versioned Location or meta.versionId): digicheck needs versioned updates", Record: puts[i].Record}
		}
		acc.LastModified, _ = time.Parse(time.RFC3339Nano, e.Response.LastModified)
		out[i] = acc
	}
	return out, nil
}

// TransactionBundle is the transaction Bundle Transaction sends, for a dry
// run to print.
func TransactionBundle(puts []Put) ([]byte, error) {
	type req struct {
		Method      string `json:"method"`
		URL         string `json:"url"`
		IfMatch     string `json:"ifMatch,omitempty"`
		IfNoneMatch string `json:"ifNoneMatch,omitempty"`
	}
	type entry struct {
		FullURL  string          `json:"fullUrl,omitempty"`
		Resource json.RawMessage `json:"resource"`
		Request  req             `json:"request"`
	}
	b := struct {
		ResourceType string  `json:"resourceType"`
		Type         string  `json:"type"`
		Entry        []entry `json:"entry"`
	}{ResourceType: "Bundle", Type: "transaction"}
	for _, p := range puts {
		if err := p.Check(); err != nil {
			return nil, err
		}
		e := entry{Resource: p.Resource, Request: req{Method: http.MethodPut, URL: p.Type + "/" + p.ID}}
		if p.IfMatch != "" {
			e.Request.IfMatch = weakETag(p.IfMatch)
		} else if p.IfNoneMatch {
			e.Request.IfNoneMatch = "*"
		}
		b.Entry = append(b.Entry, e)
	}
	return json.Marshal(b)
}

func weakETag(v string) string { return `W/"` + v + `"` }

var etagPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(?:W/)?"([^"]*)"$`) })

// versionOf finds the version a server gave: its ETag, else the
// _history part of its Location, else meta.versionId in the resource,
// with any control character in it escaped (questionnaire.Printable): it
// is printed, by push --conflicts among others.
func versionOf(etag, location string, resource json.RawMessage) string {
	return questionnaire.Printable(versionGiven(etag, location, resource))
}

func versionGiven(etag, location string, resource json.RawMessage) string {
	if m := etagPattern().FindStringSubmatch(strings.TrimSpace(etag)); m != nil && m[1] != "" {
		return m[1]
	}
	if i := strings.Index(location, "/_history/"); i >= 0 {
		v := location[i+len("/_history/"):]
		if j := strings.IndexAny(v, "/?"); j >= 0 {
			v = v[:j]
		}
		if v != "" {
			return v
		}
	}
	if len(resource) > 0 {
		if r, err := parseResource(resource); err == nil {
			return r.VersionID
		}
	}
	return ""
}

func (c *Client) url(parts ...string) string {
	u := *c.base
	for _, p := range parts {
		u.Path += "/" + url.PathEscape(p)
	}
	u.RawPath = ""
	return u.String()
}

// Read returns the current version of a resource; a resource the server
// does not have is an *Error of kind ErrRejected with Status 404 (see
// NotFound).
func (c *Client) Read(ctx context.Context, typ, id string) (Resource, error) {
	return c.get(ctx, c.url(typ, id))
}

// VRead returns one version of a resource.
func (c *Client) VRead(ctx context.Context, typ, id, version string) (Resource, error) {
	return c.get(ctx, c.url(typ, id, "_history", version))
}

func (c *Client) get(ctx context.Context, u string) (Resource, error) {
	a, err := c.do(ctx, request{method: http.MethodGet, url: u})
	if err != nil {
		return Resource{}, err
	}
	r, err := parseResource(a.body)
	if err != nil {
		return Resource{}, err
	}
	if r.VersionID == "" {
		r.VersionID = versionOf(a.header.Get("ETag"), "", nil)
	}
	return r, nil
}

// NotFound reports whether err is the server saying it has no such
// resource (404, or 410 for a deleted one).
func NotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Status == http.StatusNotFound || e.Status == http.StatusGone)
}

// History returns every version of a resource, newest first.
func (c *Client) History(ctx context.Context, typ, id string) ([]Resource, error) {
	var out []Resource
	err := c.pages(ctx, c.url(typ, id, "_history"), func(r Resource) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// Search runs a search of one resource type and calls fn for each match,
// page after page, following the server's next links (only to the same
// server). A search parameter goes in q as the FHIR search syntax writes
// it, such as "subject:identifier" = "https://fhir.nhs.uk/Id/nhs-number|9434765919".
func (c *Client) Search(ctx context.Context, typ string, q url.Values, fn func(Resource) error) error {
	u := c.url(typ)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return c.pages(ctx, u, fn)
}

func (c *Client) pages(ctx context.Context, u string, fn func(Resource) error) error {
	seen := map[string]bool{}
	for u != "" {
		if seen[u] {
			return &Error{Kind: ErrRejected, Msg: "the FHIR server's search pages link back to a page already read"}
		}
		seen[u] = true
		a, err := c.do(ctx, request{method: http.MethodGet, url: u})
		if err != nil {
			return err
		}
		var page struct {
			ResourceType string `json:"resourceType"`
			Link         []struct {
				Relation string `json:"relation"`
				URL      string `json:"url"`
			} `json:"link"`
			Entry []struct {
				Resource json.RawMessage `json:"resource"`
				Search   struct {
					Mode string `json:"mode"`
				} `json:"search"`
			} `json:"entry"`
		}
		if err := json.Unmarshal(a.body, &page); err != nil || page.ResourceType != "Bundle" {
			return &Error{Kind: ErrRejected, Msg: "the FHIR server's answer to a search is not a Bundle", Request: "GET " + u}
		}
		for _, e := range page.Entry {
			if e.Search.Mode != "" && e.Search.Mode != "match" || len(e.Resource) == 0 {
				continue // included resources and outcomes
			}
			r, err := parseResource(e.Resource)
			if err != nil {
				return err
			}
			if err := fn(r); err != nil {
				return err
			}
		}
		u = ""
		for _, l := range page.Link {
			if l.Relation == "next" {
				next, err := c.base.Parse(l.URL)
				if err == nil {
					next.Scheme = strings.ToLower(next.Scheme)
					next.Host = identity(next).Host
				}
				if err != nil || next.Scheme != c.base.Scheme || next.Host != c.base.Host {
					return &Error{Kind: ErrRejected, Msg: fmt.Sprintf("the FHIR server's next page is on another server (%s); not followed", l.URL)}
				}
				u = next.String()
			}
		}
	}
	return nil
}

// Current returns the current version of each of the resources of one type
// that the server has, by id (a search by _id, in pages); ids the server
// does not have are absent from the map.
func (c *Client) Current(ctx context.Context, typ string, ids []string) (map[string]Resource, error) {
	out := make(map[string]Resource, len(ids))
	const chunk = 50 // keeps the URL short
	for i := 0; i < len(ids); i += chunk {
		part := ids[i:min(i+chunk, len(ids))]
		q := url.Values{"_id": {strings.Join(part, ",")}, "_count": {fmt.Sprint(len(part))}}
		err := c.Search(ctx, typ, q, func(r Resource) error {
			out[r.ID] = r
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Total is how many resources of typ the server holds now, as the total
// of a search for all of them says (asked for accurately, one entry a
// page); ok is false when the server's answer gives no total.
func (c *Client) Total(ctx context.Context, typ string) (n int, ok bool, err error) {
	u := c.url(typ) + "?" + url.Values{"_count": {"1"}, "_total": {"accurate"}}.Encode()
	a, err := c.do(ctx, request{method: http.MethodGet, url: u})
	if err != nil {
		return 0, false, err
	}
	var page struct {
		ResourceType string `json:"resourceType"`
		Total        *int   `json:"total"`
	}
	if err := json.Unmarshal(a.body, &page); err != nil || page.ResourceType != "Bundle" {
		return 0, false, &Error{Kind: ErrRejected, Msg: "the FHIR server's answer to a search is not a Bundle", Request: "GET " + u}
	}
	if page.Total == nil {
		return 0, false, nil
	}
	return *page.Total, true, nil
}

// ResponsesSince calls fn for every QuestionnaireResponse changed at or
// after since (every one when since is zero), oldest change first, pageSize
// a page. It returns the latest lastUpdated seen, the since of the next
// incremental read. A resource changed at exactly since is read again, so
// nothing changed in the same instant is missed: the caller keeps by id
// and version.
func (c *Client) ResponsesSince(ctx context.Context, since time.Time, pageSize int, fn func(Resource) error) (time.Time, error) {
	q := url.Values{"_sort": {"_lastUpdated"}}
	if pageSize > 0 {
		q.Set("_count", fmt.Sprint(pageSize))
	}
	if !since.IsZero() {
		q.Set("_lastUpdated", "ge"+since.UTC().Format(time.RFC3339Nano))
	}
	latest := since
	err := c.Search(ctx, "QuestionnaireResponse", q, func(r Resource) error {
		if r.LastUpdated.After(latest) {
			latest = r.LastUpdated
		}
		return fn(r)
	})
	return latest, err
}

// SameContent reports whether two JSON resources say the same thing, apart
// from what a server adds when it stores one: meta.versionId,
// meta.lastUpdated and meta.source, and a generated narrative when the
// sent resource had none. A write whose answer was lost is known to have
// been applied when the server's current version has the same content.
func SameContent(sent, stored json.RawMessage) (bool, error) {
	var a, b map[string]any
	if err := json.Unmarshal(sent, &a); err != nil {
		return false, err
	}
	if err := json.Unmarshal(stored, &b); err != nil {
		return false, err
	}
	for _, m := range []map[string]any{a, b} {
		if meta, ok := m["meta"].(map[string]any); ok {
			delete(meta, "versionId")
			delete(meta, "lastUpdated")
			delete(meta, "source")
			if len(meta) == 0 {
				delete(m, "meta")
			}
		}
	}
	if _, ok := a["text"]; !ok {
		delete(b, "text")
	}
	return equalJSON(a, b), nil
}

func equalJSON(a, b any) bool {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, v := range x {
			w, ok := y[k]
			if !ok || !equalJSON(v, w) {
				return false
			}
		}
		return true
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equalJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	default:
		return a == b
	}
}
