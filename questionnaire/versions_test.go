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
