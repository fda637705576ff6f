package site

import (
	"strings"
	"testing"
)

// TestFHIRSettingsAreRead: the canonical base, the identifier systems and
// the ODS code reach the FHIR writer as the config gives them.
func TestFHIRSettingsAreRead(t *testing.T) {
	doc := `fhir_base = "https://fhir.example-trust.nhs.uk/digicheck"
local_number_system = "https://fhir.example-trust.nhs.uk/Id/local-number"
pseudonym_system = "urn:oid:2.16.840.1.113883.2.1.999"
ods_code = "RX1"
`
	c, err := ParseConfig("c.toml", []byte(doc), ".")
	if err != nil {
		t.Fatal(err)
	}
	s := c.FHIRSite()
	if s.Base != "https://fhir.example-trust.nhs.uk/digicheck" || s.LocalSystem != "https://fhir.example-trust.nhs.uk/Id/local-number" ||
		s.PseudonymSystem != "urn:oid:2.16.840.1.113883.2.1.999" || s.ODSCode != "RX1" {
		t.Errorf("FHIRSite() = %+v", s)
	}
	if c, err := ParseConfig("c.toml", []byte("site_name = \"x\"\n"), "."); err != nil || c.FHIRSite().Base != "" {
		t.Errorf("no FHIR settings: %+v, %v; want none set", c.FHIRSite(), err)
	}
}

// TestBadFHIRSettingsStopWithTheirLine: each setting at the edge of what it
// accepts, and a bad one is an error at its line.
func TestBadFHIRSettingsStopWithTheirLine(t *testing.T) {
	for _, tc := range []struct {
		key, value string
		ok         bool
	}{
		{"fhir_base", "https://fhir.example-trust.nhs.uk/digicheck", true},
		{"fhir_base", "https://fhir.example-trust.nhs.uk", true},
		{"fhir_base", "https://fhir.example-trust.nhs.uk/digicheck/", false}, // a trailing / doubles in every URL
		{"fhir_base", "http://fhir.example-trust.nhs.uk/digicheck", false},   // canonical URLs of a trust: https
		{"fhir_base", "https:///digicheck", false},
		{"fhir_base", "https://fhir.example-trust.nhs.uk/a?b=c", false},
		{"fhir_base", "https://fhir.example-trust.nhs.uk/a|b", false},
		{"fhir_base", "fhir.example-trust.nhs.uk", false},
		{"local_number_system", "https://fhir.example-trust.nhs.uk/Id/local-number", true},
		{"local_number_system", "http://example-trust.nhs.uk/mrn", true},
		{"local_number_system", "urn:oid:2.16.840.1", true},
		{"local_number_system", "urn:oid:2.16..1", false},
		{"local_number_system", "urn:oid:2.a", false},
		{"local_number_system", "local numbers", false},
		{"local_number_system", "https://x.nhs.uk/a|b", false},
		{"pseudonym_system", "https://fhir.example-trust.nhs.uk/Id/pseudonym", true},
		{"pseudonym_system", "ftp://x/y", false},
		{"ods_code", "RX1", true},
		{"ods_code", "A81001", true},
		{"ods_code", "ABCDEFGHIJ", true},   // 10, the longest
		{"ods_code", "ABCDEFGHIJK", false}, // 11
		{"ods_code", "RX", false},          // 2
		{"ods_code", "rx1", false},         // ODS codes are capitals
		{"ods_code", "RX 1", false},
	} {
		doc := "site_name = \"x\"\n" + tc.key + " = \"" + tc.value + "\"\n"
		_, err := ParseConfig("c.toml", []byte(doc), ".")
		if tc.ok && err != nil {
			t.Errorf("%s = %q: %v; want accepted", tc.key, tc.value, err)
		}
		if !tc.ok && (err == nil || !strings.Contains(err.Error(), "c.toml:2: "+tc.key)) {
			t.Errorf("%s = %q: %v; want an error at c.toml:2 naming %s", tc.key, tc.value, err, tc.key)
		}
	}
}
