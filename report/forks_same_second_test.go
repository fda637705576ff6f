package report

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// Two stores amended differently within the same second: the warning
// blamed a pseudonymised export ("keeps only the day by default") and
// advised summarising the stores, which were what was summarised. Inputs
// whose ids are a store's (UUIDv7: stores and identifiable exports) are
// told what happened and what to do; pseudonymised exports (UUIDv8) keep
// the advice to summarise the stores.
func TestAForkOfTwoStoresWithinOneSecondIsNotBlamedOnAPseudonymisedExport(t *testing.T) {
	v7 := func() uuid.UUID { return uuid.Must(uuid.NewV7()) }
	a, b := v7(), v7()
	stores := (&Summary{Forks: []Fork{{Assessment: v7(), Counted: b, Untold: true,
		Versions: []ForkVersion{{ID: a, Where: "h1.db"}, {ID: b, Where: "h2.db"}}}}}).ForkWarnings()
	if len(stores) != 1 || strings.Contains(stores[0], "pseudonymised") || strings.Contains(stores[0], "summarise the stores") ||
		!strings.Contains(stores[0], "same second") {
		t.Errorf("two stores' versions saved within one second: %q", stores)
	}
	p1, p2 := v7(), v7()
	p1[6], p2[6] = p1[6]&0x0f|0x80, p2[6]&0x0f|0x80 // UUIDv8, as a pseudonymised export's
	exports := (&Summary{Forks: []Fork{{Assessment: v7(), Counted: p2, Untold: true,
		Versions: []ForkVersion{{ID: p1, Where: "a.csv"}, {ID: p2, Where: "b.csv"}}}}}).ForkWarnings()
	if len(exports) != 1 || !strings.Contains(exports[0], "summarise the stores") {
		t.Errorf("two pseudonymised exports' versions of one day: %q", exports)
	}
}
