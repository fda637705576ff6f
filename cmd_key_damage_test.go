package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"

	"digicheck/store/packed"
)

// flipKeyByte changes one byte of the text of record id's key in the file
// at path, where the records bucket keeps it (the occurrence followed by
// the record's value, which begins with its format), as the file's bytes
// would be damaged: nothing but that byte changes. It returns the damaged
// key.
func flipKeyByte(t *testing.T, path, id string, damage func([]byte)) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	at := -1
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte(id))
		if i < 0 {
			break
		}
		i += from
		if end := i + len(id); end < len(b) && (b[end] == packed.FormatFacts || b[end] == packed.FormatS2Facts) {
			at = i
			break
		}
		from = i + 1
	}
	if at < 0 {
		t.Fatalf("record %s: its key not found in %s", id, path)
	}
	damage(b[at : at+len(id)])
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return string(b[at : at+len(id)])
}

// Issue 15 (damaged stores, item 1): one byte of a record's key changed in
// the file, the record itself untouched. Summary and CSV export read the
// key as the record's id: under another valid id the record was counted
// or exported as someone else's, a key that was no id dropped it, with
// exit 0 and no word. Both must leave it out, name it by its own id and
// fail; CSV writes an unreadable row for it and NDJSON an unreadable line,
// for the same id.
func TestADamagedRecordKeyIsNeverCountedSilently(t *testing.T) {
	t.Parallel()
	for name, damage := range map[string]func([]byte){
		"version digit to b": func(k []byte) { k[14] = 'b' },
		"version digit to z": func(k []byte) { k[14] = 'z' },
		// One bit of the last digit that stays a hex digit flipped.
		"one bit": func(k []byte) {
			for i := len(k) - 1; ; i-- {
				if c := k[i] ^ 1; c >= '0' && c <= '9' || c >= 'a' && c <= 'f' {
					k[i] = c
					return
				}
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			path, rs := storeWith(t, 3)
			id := rs[1].ID.String()
			bad := flipKeyByte(t, path, id, damage)
			if bad == id {
				t.Fatalf("the damage left %s as it was", id)
			}
			for _, c := range []struct {
				what string
				args []string
			}{
				{"summary", []string{"summary", "--exact", "--from", "2000-01-01"}},
				{"csv export", []string{"export", "--format", "csv", "--identifiable"}},
				{"ndjson export", []string{"export", "--format", "ndjson", "--identifiable"}},
			} {
				mk := (*app).summaryCmd
				if c.args[0] == "export" {
					mk = (*app).exportCmd
				}
				os.Remove(path + ".damaged") // each command meets the damage itself
				format, _ := strings.CutSuffix(c.what, " export")
				named, fails := oneUnreadable(format)
				out, stderr, err := runStoreCmd(t, path, mk, c.args[1:]...)
				if err == nil || err.Error() != fails || !strings.Contains(stderr, named+id) || !strings.Contains(stderr, bad) {
					t.Errorf("%s with key %s damaged to %s: %v\n%s\nwant %q, the record named by its id and the damaged key", c.what, id, bad, err, stderr, fails)
				}
				if strings.Contains(out, bad) {
					t.Errorf("%s writes the damaged key %s:\n%s", c.what, bad, out)
				}
				switch c.what {
				case "csv export":
					rows, rerr := csv.NewReader(strings.NewReader(out)).ReadAll()
					rows = withoutEndRow(rows)
					if rerr != nil || len(rows) != 4 {
						t.Fatalf("csv export: %d rows (%v), want a header and 3\n%s", len(rows), rerr, out)
					}
					status := slices.Index(rows[0], "status")
					for _, row := range rows[1:] {
						if row[0] == id && row[status] != "unreadable" {
							t.Errorf("csv writes the record under a damaged key as %q, want unreadable: %v", row[status], row)
						}
					}
				case "ndjson export":
					if lines := exportLines(out); len(lines) != 3 || !strings.Contains(out, `{"id":"`+id+`","status":"unreadable"`) {
						t.Errorf("ndjson export: %d lines, want 3, one unreadable for %s:\n%s", len(lines), id, out)
					}
				}
			}
		})
	}
}
