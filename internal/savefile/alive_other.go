//go:build !unix

package savefile

// alive cannot ask the system here, so a leftover counts as in use until it
// is a day old.
func alive(int) bool { return true }
