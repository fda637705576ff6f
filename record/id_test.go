package record

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestShortIDIsTheShortestPrefixThatTellsIdsApart(t *testing.T) {
	for _, c := range []struct {
		name   string
		id     string
		others []string
		want   string
	}{
		{"alone: the millisecond", "019a1b2c-3d4e-7000-8000-000000000001", nil, "019a1b2c-3d4e"},
		{"differs in the first 8", "019a1b2c-3d4e-7000-8000-000000000001", []string{"019a1b2d-0000-7000-8000-000000000001"}, "019a1b2c-3d4e"},
		{"same minute", "019a1b2c-3d4e-7000-8000-000000000001", []string{"019a1b2c-3d9f-7000-8000-000000000002"}, "019a1b2c-3d4e"},
		{"same millisecond", "019a1b2c-3d4e-7aaa-8000-000000000001", []string{"019a1b2c-3d4e-7abb-8000-000000000002"}, "019a1b2c-3d4e-7aa"},
		{"never ends on a dash", "019a1b2c-3d4e-7000-8000-000000000001", []string{"019a1b2c-3d4e-7001-8000-000000000001"}, "019a1b2c-3d4e-7000"},
		{"itself is ignored", "019a1b2c-3d4e-7000-8000-000000000001", []string{"019a1b2c-3d4e-7000-8000-000000000001"}, "019a1b2c-3d4e"},
	} {
		var others []ID
		for _, o := range c.others {
			others = append(others, MustParseID(o))
		}
		if got := ShortID(MustParseID(c.id), others...); got != c.want {
			t.Errorf("%s: ShortID = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestShortIDsAreUniqueAmongThemselves(t *testing.T) {
	ids := []ID{
		MustParseID("019a1b2c-3d4e-7000-8000-000000000001"),
		MustParseID("019a1b2c-3d4e-7000-8000-000000000002"),
		MustParseID("019a1b2c-3d4e-7100-8000-000000000003"),
		MustParseID("019b0000-0000-7000-8000-000000000004"),
	}
	short := ShortIDs(ids)
	for _, id := range ids {
		for _, other := range ids {
			if o := other.String(); other != id && len(o) >= len(short[id]) && o[:len(short[id])] == short[id] {
				t.Errorf("%s is shown as %s, which also starts %s", id, short[id], o)
			}
		}
	}
	if short[ids[3]] != "019b0000-0000" {
		t.Errorf("an id that differs early is shown as %s, want its millisecond", short[ids[3]])
	}
}

func TestIDReadsAndWritesItsCanonicalText(t *testing.T) {
	const text = "019a1b2c-3d4e-7000-8000-0000000000ab"
	id, err := ParseID(text)
	if err != nil || id.String() != text {
		t.Fatalf("ParseID(%q) = %v, %v", text, id, err)
	}
	if upper, err := ParseID("019A1B2C-3D4E-7000-8000-0000000000AB"); err != nil || upper != id {
		t.Errorf("capitals read as %v, %v; want %v", upper, err, id)
	}
	if zero, err := ParseID(""); err != nil || !zero.IsZero() || zero.String() != "" {
		t.Errorf(`ParseID("") = %v, %v; want the zero ID, written ""`, zero, err)
	}
	for _, bad := range []string{"019a1b2c", "record-1", "019a1b2c-3d4e-7000-8000-0000000000ag", "{019a1b2c-3d4e-7000-8000-0000000000ab}", "urn:uuid:019a1b2c-3d4e-7000-8000-0000000000ab"} {
		if _, err := ParseID(bad); err == nil {
			t.Errorf("ParseID(%q) accepted a malformed id", bad)
		}
	}
	var r Record
	if err := json.Unmarshal([]byte(`{"id":"`+text+`","amends":"`+text+`"}`), &r); err != nil || r.ID != id || r.Amends != id || !r.FollowsUp.IsZero() {
		t.Errorf("record ids read from JSON as %v %v %v, %v", r.ID, r.Amends, r.FollowsUp, err)
	}
	b, err := json.Marshal(Record{ID: id})
	if err != nil || !strings.Contains(string(b), `"id":"`+text+`"`) || strings.Contains(string(b), "amends") || strings.Contains(string(b), "follows_up") {
		t.Errorf("a record with no links is written %s, %v: want its id as text and no empty links", b, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"record-1"}`), &r); err == nil {
		t.Error("a record whose id is not a UUID is read without complaint")
	}
}
