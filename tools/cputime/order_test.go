package main

import "testing"

// TestOrderIsBalanced holds what makes a ratio taken with cputime fair:
// every command runs once a round, each starts as many rounds as the
// others, and over 2k rounds each follows each of its neighbours in the
// list equally often (for two or three commands: every other command).
func TestOrderIsBalanced(t *testing.T) {
	for k := 1; k <= 5; k++ {
		starts := make([]int, k)
		follows := map[[2]int]int{}
		prev := -1
		for i := range 2 * k {
			seen := make([]bool, k)
			for j := range k {
				c := order(i, j, k)
				if c < 0 || c >= k || seen[c] {
					t.Fatalf("k=%d round %d: command %d out of range or run twice", k, i, c)
				}
				seen[c] = true
				if j == 0 {
					starts[c]++
				}
				if prev >= 0 && j > 0 {
					follows[[2]int{prev, c}]++
				}
				prev = c
			}
		}
		for c, n := range starts {
			if n != 2 {
				t.Errorf("k=%d: command %d starts %d of %d rounds, want 2", k, c, n, 2*k)
			}
		}
		for c := range k {
			if k < 2 {
				break
			}
			before, after := (c+k-1)%k, (c+1)%k
			if follows[[2]int{before, c}] != follows[[2]int{after, c}] {
				t.Errorf("k=%d: command %d follows %d %d times and %d %d times", k, c,
					before, follows[[2]int{before, c}], after, follows[[2]int{after, c}])
			}
		}
	}
}
