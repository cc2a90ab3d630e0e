package workspace

import (
	"testing"

	"gapwise/internal/testcache"
)

// TestMain keeps clean-check records out of the real user cache folder.
func TestMain(m *testing.M) { testcache.Main(m) }
