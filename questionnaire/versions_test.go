package questionnaire

import "testing"

// TestEveryVersionIsFoundByItsName: records are read, checked and amended
// by the instrument they name, so every version must be found by it, and
// the current one among them.
func TestEveryVersionIsFoundByItsName(t *testing.T) {
	for _, ins := range Versions() {
		got, ok := Lookup(ins.Version)
		if !ok || got != ins {
			t.Errorf("Lookup(%q) = %v, %v", ins.Version, got, ok)
		}
	}
	if got, ok := Lookup(Current.Version); !ok || got != Current {
		t.Errorf("the current instrument %q is not among the versions", Current.Version)
	}
	if _, ok := Lookup("0"); ok {
		t.Error("a version digicheck does not have was found")
	}
	if m := ByVersion(); len(m) != len(Versions()) {
		t.Errorf("ByVersion has %d versions, Versions %d", len(m), len(Versions()))
	}
}

// TestVersionsCompareTheDomainsBandedAlike: a follow-up made with version
// 2 of an assessment made with version 1 compares skills and trust, banded
// alike by both; access ("I do not get online" scores 4 in version 2) and
// motivation ("Yes, with some help" scores 0, and "not sure" was added) are
// not compared.
func TestVersionsCompareTheDomainsBandedAlike(t *testing.T) {
	for _, tc := range []struct {
		d    Domain
		want bool
		why  string
	}{
		{Access, false, `the answers to "Internet" score differently in version 2 than in version 1`},
		{Skills, true, ""},
		{Motivation, false, `the answers to "Wants online" score differently in version 2 than in version 1`},
		{Trust, true, ""},
	} {
		ok, why := Comparable(V1, V2, tc.d)
		if ok != tc.want || why != tc.why {
			t.Errorf("%s: comparable %v (%q), want %v (%q)", tc.d, ok, why, tc.want, tc.why)
		}
		if ok, _ := Comparable(V2, V2, tc.d); !ok {
			t.Errorf("%s: version 2 not comparable with itself", tc.d)
		}
	}
	// A change of threshold alone makes a domain not comparable.
	moved := *V2
	moved.Bands = map[Domain]Thresholds{Access: V2.Bands[Access], Skills: {Some: 1, Significant: 4}, Motivation: V2.Bands[Motivation], Trust: V2.Bands[Trust]}
	if ok, why := Comparable(V2, &moved, Skills); ok || why == "" {
		t.Errorf("a new skills threshold is comparable: %v %q", ok, why)
	}
	if ok, _ := Comparable(V1, nil, Trust); ok {
		t.Error("an unknown version is comparable")
	}
}
