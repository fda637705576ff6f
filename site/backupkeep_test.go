package site

import (
	"strings"
	"testing"
)

func TestBackupKeepDefaultsToEveryCopy(t *testing.T) {
	c, err := ParseConfig("c.toml", []byte("site_name = \"x\"\n"), ".")
	if err != nil || c.BackupKeep != 0 {
		t.Errorf("no backup_keep: BackupKeep %d, %v; want 0 (every copy kept)", c.BackupKeep, err)
	}
	c, err = ParseConfig("c.toml", []byte("backup_keep = 14\n"), ".")
	if err != nil || c.BackupKeep != 14 {
		t.Errorf("backup_keep = 14: %d, %v", c.BackupKeep, err)
	}
}

func TestBadBackupKeepStopsWithItsLine(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{"0", "backup_keep 0: give how many copies to keep, 1 or more"},
		{"-3", "backup_keep -3: give how many copies to keep, 1 or more"},
		{"2.5", "c.toml:2:"},
		{`"7"`, "c.toml:2:"},
	} {
		_, err := ParseConfig("c.toml", []byte("site_name = \"x\"\nbackup_keep = "+tc.value+"\n"), ".")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "c.toml:2:") {
			t.Errorf("backup_keep = %s: %v; want an error at c.toml:2 containing %q", tc.value, err, tc.want)
		}
	}
}
