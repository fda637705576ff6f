package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"digicheck/questionnaire"
)

// A 20 MB value in the site config was said back whole in its refusal
// (20 MB on the terminal, in a scheduled task's log), nothing limited
// site_name, and a file of any size was read whole at every start. A
// refusal says back at most a short prefix of a bad value, escaped, and
// how long it was; site_name has a limit; and a site file over its
// limit is refused unread, naming the file and the limit.
func TestAHugeBadValueIsSaidBackAsAShortEscapedPrefix(t *testing.T) {
	huge := strings.Repeat("\x1bZ", 128<<10) // 256 KB (a file of 20 MB is refused unread), escape characters among it
	for _, key := range []string{"timezone", "export_time_precision", "fhir_base", "ods_code", "team_address", "fhir_token_env"} {
		doc := key + ` = "` + strings.ReplaceAll(huge, "\x1b", `\u001b`) + `"` + "\n"
		_, err := ParseConfig("config.toml", []byte(doc), "")
		if err == nil {
			t.Errorf("%s of 256 KB was taken", key)
			continue
		}
		msg := err.Error()
		if len(msg) > 1000 || strings.Contains(msg, "\x1b") || !strings.Contains(msg, "characters)") {
			t.Errorf("%s of 256 KB refused in %d bytes (escape sent raw: %v); want a short escaped prefix and the value's length: %.300q", key, len(msg), strings.Contains(msg, "\x1b"), msg)
		}
	}
	doc := "[[programme]]\nid = \"" + strings.Repeat("x", 1<<20) + "\"\nname = \"A\"\n"
	_, err := ParseProgrammes("programmes.toml", []byte(doc), questionnaire.National)
	if err == nil || len(err.Error()) > 4000 {
		t.Errorf("a programme id of 1 MB refused in %d bytes; want a short prefix of it", len(err.Error()))
	}
}

func TestASiteNameOverItsLimitIsRefused(t *testing.T) {
	long := strings.Repeat("St Elsewhere ", 20)
	_, err := ParseConfig("config.toml", []byte(`site_name = "`+long+`"`+"\n"), "")
	if err == nil || !strings.Contains(err.Error(), "site_name") || !strings.Contains(err.Error(), "at most") || len(err.Error()) > 300 {
		t.Errorf("site_name of %d characters: %v; want it refused, saying the limit", len(long), err)
	}
	if _, err := ParseConfig("config.toml", []byte(`site_name = "Leeds Teaching Hospitals NHS Trust"`+"\n"), ""); err != nil {
		t.Errorf("an ordinary site_name refused: %v", err)
	}
}

func TestASiteFileOverItsLimitIsRefusedUnreadNamingTheFileAndTheLimit(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfg, []byte("site_name = \"A\"\n"+strings.Repeat("# padding\n", MaxConfigSize/10+1)), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Resolve(Inputs{Flags: map[string]string{"config": cfg}})
	if err == nil || !strings.Contains(err.Error(), cfg) || !strings.Contains(err.Error(), SizeWords(MaxConfigSize)) {
		t.Errorf("a config file over %d bytes: %v; want it refused, naming the file and the limit", MaxConfigSize, err)
	}
	prog := filepath.Join(dir, "programmes.toml")
	f, err := os.Create(prog)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxProgrammesSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = LoadProgrammes(prog, questionnaire.National)
	if err == nil || !strings.Contains(err.Error(), prog) || !strings.Contains(err.Error(), SizeWords(MaxProgrammesSize)) || errors.Is(err, os.ErrNotExist) {
		t.Errorf("a programmes file over %d bytes: %v; want it refused, naming the file and the limit", MaxProgrammesSize, err)
	}
}

// An absurd but stricter disclosure setting (round_to =
// 9223372036854775807) was taken, and every output then said "a shown
// count is within 9223372036854775806 of the exact one": a typo no one was
// told of. round_to and max_suppressed over any count a site could have
// (MaxDisclosureSetting) are refused with FILE:LINE as a typo; at the
// limit they are taken.
func TestAnAbsurdDisclosureSettingIsRefusedAsATypoWithItsLine(t *testing.T) {
	for _, key := range []string{"round_to", "max_suppressed"} {
		for _, v := range []string{"9223372036854775807", "1000001"} {
			doc := "site_name = \"Trust\"\n[disclosure]\n" + key + " = " + v + "\n"
			_, err := ParseConfig("config.toml", []byte(doc), "")
			if err == nil || !strings.Contains(err.Error(), "config.toml:3: "+key+" "+v) || !strings.Contains(err.Error(), "typo") {
				t.Errorf("%s = %s: %v; want it refused at config.toml:3 as a typo", key, v, err)
			}
		}
		doc := "[disclosure]\n" + key + " = 1000000\n"
		if _, err := ParseConfig("config.toml", []byte(doc), ""); err != nil {
			t.Errorf("%s = 1000000 refused: %v", key, err)
		}
	}
}
