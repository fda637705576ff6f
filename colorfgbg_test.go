package main

import "testing"

// TestColorFGBGNamesTheBackground reads the background from COLORFGBG as
// terminals set it: its last field is the background's colour number.
func TestColorFGBGNamesTheBackground(t *testing.T) {
	for v, want := range map[string]struct{ dark, ok bool }{
		"15;0":         {true, true},
		"0;15":         {false, true},
		"0;7":          {false, true},
		"7;8":          {true, true},
		"0;default;15": {false, true},
		"15;default;0": {true, true},
		"":             {false, false},
		"15":           {false, false},
		"0;default":    {false, false},
	} {
		dark, ok := darkFromEnv(v)
		if dark != want.dark || ok != want.ok {
			t.Errorf("COLORFGBG=%q: dark %v, known %v; want %v, %v", v, dark, ok, want.dark, want.ok)
		}
	}
}
