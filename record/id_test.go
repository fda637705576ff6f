package record

import "testing"

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
		if got := ShortID(c.id, c.others...); got != c.want {
			t.Errorf("%s: ShortID = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestShortIDsAreUniqueAmongThemselves(t *testing.T) {
	ids := []string{
		"019a1b2c-3d4e-7000-8000-000000000001",
		"019a1b2c-3d4e-7000-8000-000000000002",
		"019a1b2c-3d4e-7100-8000-000000000003",
		"019b0000-0000-7000-8000-000000000004",
	}
	short := ShortIDs(ids)
	for _, id := range ids {
		for _, o := range ids {
			if o != id && len(o) >= len(short[id]) && o[:len(short[id])] == short[id] {
				t.Errorf("%s is shown as %s, which also starts %s", id, short[id], o)
			}
		}
	}
	if short[ids[3]] != "019b0000-0000" {
		t.Errorf("an id that differs early is shown as %s, want its millisecond", short[ids[3]])
	}
}
