"""In-process tests written to kill mutants (``make mutate``): each compares against a hand-written
fixture or the gold JSON read directly, never against the function under test."""
