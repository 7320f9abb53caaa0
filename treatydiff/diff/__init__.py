"""Diff: similarity scores, the aligner that pairs provisions across two rounds, word diffs (over diff-match-patch)."""
