package questionnaire

import "slices"

// Current is the instrument new assessments ask. Records keep the version
// they were made with; read them with Lookup.
var Current = V1

// known lists every instrument version digicheck has, oldest first.
var known = []*Instrument{V1}

// Lookup finds an instrument by its version, for reading, checking or
// amending a record made with it.
func Lookup(version string) (*Instrument, bool) {
	for _, ins := range known {
		if ins.Version == version {
			return ins, true
		}
	}
	return nil, false
}

// Versions is every instrument version digicheck has, oldest first.
func Versions() []*Instrument { return slices.Clone(known) }

// ByVersion is every instrument version digicheck has, by version.
func ByVersion() map[string]*Instrument {
	m := make(map[string]*Instrument, len(known))
	for _, ins := range known {
		m[ins.Version] = ins
	}
	return m
}
