package main

import (
	"strings"
	"testing"
)

// TestHistoryAndFollowUpSayANineDigitNumberIsNotAnNHSNumber: a dropped
// digit ("943476591") was taken as a local number, and history said only
// that the patient had no assessments, sending the clinician to start a
// new one. history and followup say it is not an NHS number; a ten-digit
// NHS number and a local number with letters say nothing of it.
func TestHistoryAndFollowUpSayANineDigitNumberIsNotAnNHSNumber(t *testing.T) {
	t.Parallel()
	path, _ := storeWith(t, 1)
	for _, c := range []struct {
		id   string
		says bool
	}{{"943476591", true}, {"94347659190", true}, {"9434765919", false}, {"RXH-12345", false}} {
		_, errs, _ := runStoreCmd(t, path, (*app).historyCmd, c.id)
		_, ferrs, _ := runStoreCmd(t, path, (*app).followupCmd, c.id)
		for name, said := range map[string]string{"history": errs, "followup": ferrs} {
			if got := strings.Contains(strings.Join(strings.Fields(said), " "), "not an NHS number: an NHS number has 10 digits"); got != c.says {
				t.Errorf("%s %s: says it is not an NHS number %v, want %v:\n%s", name, c.id, got, c.says, said)
			}
		}
	}
}
